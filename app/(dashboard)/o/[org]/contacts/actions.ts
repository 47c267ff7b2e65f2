"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { orgAction } from "@/app/_lib/action";
import { clientIp } from "@/app/_lib/client-ip";
import { bulkContacts } from "@/lib/audience/contacts/bulk-contacts";
import { changeContactStatus } from "@/lib/audience/contacts/change-contact-status";
import { createContact } from "@/lib/audience/contacts/create-contact";
import { deleteContact } from "@/lib/audience/contacts/delete-contact";
import { eraseContact } from "@/lib/audience/contacts/erase-contact";
import { contactFilterSchema } from "@/lib/audience/contacts/filter";
import { BULK_ACTIONS, changeStatusSchema, contactIdSchema, type BulkAction } from "@/lib/audience/contacts/schemas";
import { updateContact } from "@/lib/audience/contacts/update-contact";
import { AppError } from "@/lib/errors";
import { contactFormSchema } from "./contact-form-input";

const base = (slug: string) => `/o/${slug}/contacts`;

export const createContactAction = orgAction(contactFormSchema, async ({ input }, ctx) => {
  const contact = await createContact(ctx.actor, input, { consentSource: "dashboard", consentIp: await clientIp() });
  revalidatePath(base(ctx.org.slug));
  redirect(`${base(ctx.org.slug)}/${contact.id}?created=1`);
});

export const updateContactAction = orgAction(contactFormSchema, async ({ id, input }, ctx) => {
  if (!id) throw new AppError("NOT_FOUND", "That contact does not exist in this organization.");
  await updateContact(ctx.actor, { ...input, id });
  revalidatePath(base(ctx.org.slug), "layout");
  return { ok: true, message: "Contact saved." };
});

export const changeStatusAction = orgAction(changeStatusSchema, async (input, ctx) => {
  const contact = await changeContactStatus(ctx.actor, input);
  revalidatePath(base(ctx.org.slug), "layout");
  return { ok: true, message: contact.status === "unsubscribed" ? "Unsubscribed; the addresses are suppressed." : `Status is now ${contact.status}.` };
});

export const deleteContactAction = orgAction(contactIdSchema, async (input, ctx) => {
  await deleteContact(ctx.actor, input);
  revalidatePath(base(ctx.org.slug));
  redirect(`${base(ctx.org.slug)}?deleted=1`);
});

export const eraseContactAction = orgAction(contactIdSchema, async (input, ctx) => {
  await eraseContact(ctx.actor, input);
  revalidatePath(base(ctx.org.slug));
  redirect(`${base(ctx.org.slug)}?erased=1`);
});

const bulkFormSchema = z.object({
  action: z.enum(BULK_ACTIONS, "Choose an action."),
  tag: z.string().optional(),
  listId: z.string().optional(),
  scope: z.enum(["selected", "filter"]),
  ids: z.string().optional(),
  // The table's filter as its query string, so "all matching" acts on exactly what is shown.
  filter: z.string().max(4000).optional(),
});

const DONE: Record<BulkAction, string> = {
  tag: "Tagged",
  untag: "Untagged",
  add_to_list: "Added to the list:",
  remove_from_list: "Removed from the list:",
  unsubscribe: "Unsubscribed",
  delete: "Deleted",
};

export const bulkContactsAction = orgAction(bulkFormSchema, async (form, ctx) => {
  const target =
    form.scope === "filter"
      ? { filter: contactFilterSchema.parse(Object.fromEntries(new URLSearchParams(form.filter ?? ""))) }
      : { ids: (form.ids ?? "").split(",").filter(Boolean) };
  const { affected } = await bulkContacts(ctx.actor, { action: form.action, tag: form.tag || undefined, listId: form.listId || undefined, target });
  revalidatePath(base(ctx.org.slug), "layout");
  return { ok: true, message: `${DONE[form.action]} ${affected.toLocaleString("en-US")} ${affected === 1 ? "contact" : "contacts"}.` };
});
