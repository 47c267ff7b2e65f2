import { z } from "zod";
import { CONTACT_STATUSES, type contactInputSchema } from "./contact-schema";
import { contactFilterSchema } from "./filter";

/** What a caller may send for a contact, before normalisation (see contactInputSchema). */
export type ContactFields = z.input<ReturnType<typeof contactInputSchema>>;

export const contactIdSchema = z.object({ id: z.string().trim().min(1).max(40) });

export const statusReasonSchema = z
  .string()
  .trim()
  .max(500, "Use at most 500 characters.")
  .nullish()
  .transform((v) => v || null);

export const changeStatusSchema = contactIdSchema.extend({
  status: z.enum(CONTACT_STATUSES, "Choose a status."),
  reason: statusReasonSchema,
});

export const CONTACT_SORTS = ["newest", "oldest", "email_asc", "email_desc"] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];
export const SORT_LABELS: Record<ContactSort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  email_asc: "E-mail A–Z",
  email_desc: "E-mail Z–A",
};

export const PAGE_SIZE = 50;

export const listContactsSchema = contactFilterSchema.extend({
  sort: z.enum(CONTACT_SORTS).catch("newest").default("newest"),
  cursor: z.string().max(2000).optional(),
  limit: z.number().int().min(1).max(200).default(PAGE_SIZE),
});

export const BULK_ACTIONS = ["tag", "untag", "add_to_list", "remove_from_list", "unsubscribe", "delete"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** A selection of at most this many ids; anything bigger is a filter. */
export const MAX_SELECTION = 1000;

export const bulkTargetSchema = z.union([
  z.object({ ids: z.array(z.string().max(40)).min(1, "Select at least one contact.").max(MAX_SELECTION, `Select at most ${MAX_SELECTION} contacts, or act on the whole filter.`) }),
  z.object({ filter: contactFilterSchema }),
]);
export type BulkTarget = z.input<typeof bulkTargetSchema>;

export const bulkContactsSchema = z
  .object({
    action: z.enum(BULK_ACTIONS, "Choose an action."),
    tag: z.string().trim().toLowerCase().max(64, "Use at most 64 characters.").optional(),
    listId: z.string().trim().optional(),
    target: bulkTargetSchema,
  })
  .superRefine((v, ctx) => {
    if ((v.action === "tag" || v.action === "untag") && !v.tag) ctx.addIssue({ code: "custom", path: ["tag"], message: "Enter a tag." });
    if ((v.action === "add_to_list" || v.action === "remove_from_list") && !v.listId) ctx.addIssue({ code: "custom", path: ["listId"], message: "Choose a list." });
  });
