"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { orgAction } from "@/app/_lib/action";
import { addListMembers } from "@/lib/audience/lists/add-list-members";
import { createList } from "@/lib/audience/lists/create-list";
import { deleteList } from "@/lib/audience/lists/delete-list";
import { addMembersSchema, createListSchema, listIdSchema, removeMembersSchema, updateListSchema } from "@/lib/audience/lists/list-schemas";
import { removeListMembers } from "@/lib/audience/lists/remove-list-members";
import { updateList } from "@/lib/audience/lists/update-list";

const refresh = (slug: string, listId?: string) => {
  revalidatePath(`/o/${slug}/lists`);
  if (listId) revalidatePath(`/o/${slug}/lists/${listId}`);
};

export const createListAction = orgAction(createListSchema, async (input, ctx) => {
  const list = await createList(ctx.actor, input);
  refresh(ctx.org.slug);
  redirect(`/o/${ctx.org.slug}/lists/${list.id}`);
});

export const updateListAction = orgAction(updateListSchema, async (input, ctx) => {
  await updateList(ctx.actor, input);
  refresh(ctx.org.slug, input.listId);
  return { ok: true, message: "List saved." };
});

export const deleteListAction = orgAction(listIdSchema, async (input, ctx) => {
  await deleteList(ctx.actor, input);
  refresh(ctx.org.slug);
  redirect(`/o/${ctx.org.slug}/lists`);
});

export const addMembersAction = orgAction(addMembersSchema, async (input, ctx) => {
  const r = await addListMembers(ctx.actor, input);
  refresh(ctx.org.slug, input.listId);
  const parts = [`Added ${r.added} ${r.added === 1 ? "contact" : "contacts"}.`];
  if (r.alreadyMembers) parts.push(`${r.alreadyMembers} already on the list.`);
  if (r.notFound.length) {
    const shown = r.notFound.slice(0, 10).join(", ");
    const more = r.notFound.length > 10 ? ` and ${r.notFound.length - 10} more` : "";
    return { ok: true, message: parts.join(" "), error: `No contact with ${r.notFound.length === 1 ? "this address" : "these addresses"}: ${shown}${more}. Add them as contacts first.` };
  }
  return { ok: true, message: parts.join(" ") };
});

export const removeMemberAction = orgAction(removeMembersSchema, async (input, ctx) => {
  const { removed } = await removeListMembers(ctx.actor, input);
  refresh(ctx.org.slug, input.listId);
  return { ok: true, message: removed ? "Removed." : "Already removed." };
});
