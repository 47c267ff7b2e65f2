import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";
import { isValidTimezone } from "@/lib/timezones";

export { isValidTimezone };

export const orgNameSchema = z.string().trim().min(2, "Use at least 2 characters.").max(80, "Use at most 80 characters.");

export const createOrgSchema = z.object({ name: orgNameSchema });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .transform((v) => v || null)
    .nullable()
    .optional();

export const orgSettingsSchema = z.object({
  name: orgNameSchema,
  timezone: z.string().trim().refine(isValidTimezone, "Choose a valid IANA timezone, such as Europe/Berlin."),
  postalAddress: optionalText(500),
  defaultCountry: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === "" || /^[A-Z]{2}$/.test(v), "Use a two-letter country code, such as DE or US.")
    .transform((v) => v || null)
    .nullable()
    .optional(),
  defaultSenderName: optionalText(100),
  defaultSenderEmail: z
    .union([z.literal(""), emailSchema])
    .transform((v) => v || null)
    .nullable()
    .optional(),
});
