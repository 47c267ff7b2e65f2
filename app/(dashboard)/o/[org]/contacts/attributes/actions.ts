"use server";

import { revalidatePath } from "next/cache";
import { orgAction } from "@/app/_lib/action";
import { createAttributeDefinition } from "@/lib/audience/attribute-definitions/create-attribute-definition";
import { deleteAttributeDefinition } from "@/lib/audience/attribute-definitions/delete-attribute-definition";
import { attributeIdSchema, createAttributeSchema } from "@/lib/audience/attribute-definitions/schemas";

const refresh = (slug: string) => revalidatePath(`/o/${slug}/contacts`, "layout");

export const createAttributeAction = orgAction(createAttributeSchema, async (input, ctx) => {
  const def = await createAttributeDefinition(ctx.actor, input);
  refresh(ctx.org.slug);
  return { ok: true, message: `Attribute "${def.key}" declared.` };
});

export const deleteAttributeAction = orgAction(attributeIdSchema, async (input, ctx) => {
  const { key, cleared } = await deleteAttributeDefinition(ctx.actor, input);
  refresh(ctx.org.slug);
  return { ok: true, message: `Attribute "${key}" removed${cleared ? ` from ${cleared.toLocaleString("en-US")} contacts` : ""}.` };
});
