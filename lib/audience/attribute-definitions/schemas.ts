import { z } from "zod";
import { ATTRIBUTE_KEY_RE } from "@/lib/audience/attributes";

export const ATTRIBUTE_TYPES = ["text", "number", "date", "boolean"] as const;

/** Names the import mapper and the segment builder use too, so they may not shadow a built-in field. */
const RESERVED_KEYS = new Set(["id", "email", "phone", "first_name", "last_name", "timezone", "tags", "status", "operator_code", "notify_from", "notify_to", "created_at", "updated_at"]);

export const createAttributeSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(ATTRIBUTE_KEY_RE, "Use lowercase letters, digits and underscores, starting with a letter (at most 40).")
      .refine((k) => !RESERVED_KEYS.has(k), "That name belongs to a built-in contact field."),
    label: z
      .string()
      .trim()
      .max(80, "Use at most 80 characters.")
      .nullish()
      .transform((v) => v || null),
    type: z.enum(ATTRIBUTE_TYPES, "Choose text, number, date or true/false."),
  })
  .transform((v) => ({ ...v, label: v.label ?? v.key }));

export const attributeIdSchema = z.object({ id: z.string().trim().startsWith("att_", "That attribute does not exist.") });
