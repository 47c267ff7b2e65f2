import { z } from "zod";
import type { UpdateContactInput } from "@/lib/audience/contacts/update-contact";

const ATTR_PREFIX = "attributes.";

/**
 * A contact form's fields as the lib operations take them. Custom attributes arrive as
 * `attributes.<key>` fields, so their errors (keyed the same way) land beside the right input.
 */
export const contactFormSchema = z.record(z.string(), z.unknown()).transform((form) => {
  const text = (k: string) => (typeof form[k] === "string" ? (form[k] as string) : undefined);
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (k.startsWith(ATTR_PREFIX) && typeof v === "string") attributes[k.slice(ATTR_PREFIX.length)] = v;
  const input: Omit<UpdateContactInput, "id"> = {
    email: text("email"),
    phone: text("phone"),
    firstName: text("firstName"),
    lastName: text("lastName"),
    timezone: text("timezone"),
    tags: text("tags"),
    operatorCode: text("operatorCode"),
    notifyFrom: text("notifyFrom"),
    notifyTo: text("notifyTo"),
    attributes,
  };
  const status = text("status");
  if (status) input.status = status as UpdateContactInput["status"];
  if (text("statusReason") !== undefined) input.statusReason = text("statusReason");
  return { id: text("id"), input };
});
