import { z } from "zod";

/*
 * Lists are everyday audience work: any member of the org may create, rename, delete lists and
 * change their members, so no operation in lib/audience/lists checks a role beyond membership.
 */

// Checkboxes post "on" (or nothing); the API posts booleans.
const checkbox = z.preprocess((v) => {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return ["on", "true", "1", "yes"].includes(v.toLowerCase());
  return v;
}, z.boolean());

const name = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");
const description = z
  .string()
  .trim()
  .max(500, "Use at most 500 characters.")
  .nullish()
  .transform((v) => v || null);

// A malformed id is simply not found, like another org's id.
export const listIdSchema = z.object({ listId: z.string().trim().min(1, "Choose a list.").max(64) });

export const createListSchema = z.object({ name, description, doubleOptIn: checkbox.default(true) });

export const updateListSchema = listIdSchema.extend({ name: name.optional(), description, doubleOptIn: checkbox.optional() });

export const MAX_EMAILS_PER_ADD = 1000;

export const addMembersSchema = listIdSchema.extend({
  // The textarea's text, or an array from the API (or from a schema that already split it).
  emails: z
    .union([z.string().max(100_000, "Paste fewer addresses at a time."), z.array(z.string().max(254))], { error: "Enter at least one e-mail address." })
    .transform((v) => [...new Set((Array.isArray(v) ? v : v.split(/[\s,;]+/)).map((e) => e.trim().toLowerCase()).filter(Boolean))])
    .refine((v) => v.length > 0, "Enter at least one e-mail address.")
    .refine((v) => v.length <= MAX_EMAILS_PER_ADD, `Add at most ${MAX_EMAILS_PER_ADD} addresses at a time.`),
});

export const removeMembersSchema = listIdSchema.extend({
  contactIds: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .refine((v) => v.length > 0 && v.length <= 1000, "Choose between 1 and 1000 contacts."),
});

export const membersPageSchema = listIdSchema.extend({ after: z.string().optional() });
