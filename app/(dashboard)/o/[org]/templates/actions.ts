"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { orgAction } from "@/app/_lib/action";
import { currentUser } from "@/app/_lib/session";
import { createTemplate } from "@/lib/content/templates/create-template";
import { deleteTemplate } from "@/lib/content/templates/delete-template";
import { duplicateTemplate } from "@/lib/content/templates/duplicate-template";
import { previewTemplate, type PreviewTemplateInput, type TemplatePreview } from "@/lib/content/templates/preview-template";
import { createTemplateSchema, draftContentSchema, templateIdSchema, updateTemplateSchema } from "@/lib/content/templates/schemas";
import { sendTestEmail } from "@/lib/content/templates/send-test-email";
import { updateTemplate } from "@/lib/content/templates/update-template";
import { isAppError } from "@/lib/errors";
import { getOrgContext } from "@/lib/orgs/get-org-context";
import { z } from "zod";

const base = (slug: string) => `/o/${slug}/templates`;

export const createTemplateAction = orgAction(createTemplateSchema, async (input, ctx) => {
  const t = await createTemplate(ctx.actor, input);
  revalidatePath(base(ctx.org.slug));
  redirect(`${base(ctx.org.slug)}/${t.id}?created=1`);
});

export const updateTemplateAction = orgAction(updateTemplateSchema, async (input, ctx) => {
  await updateTemplate(ctx.actor, input);
  revalidatePath(base(ctx.org.slug), "layout");
  return { ok: true, message: "Template saved." };
});

export const duplicateTemplateAction = orgAction(templateIdSchema, async (input, ctx) => {
  const copy = await duplicateTemplate(ctx.actor, input);
  revalidatePath(base(ctx.org.slug));
  redirect(`${base(ctx.org.slug)}/${copy.id}?duplicated=1`);
});

export const deleteTemplateAction = orgAction(templateIdSchema, async (input, ctx) => {
  await deleteTemplate(ctx.actor, input);
  revalidatePath(base(ctx.org.slug));
  redirect(`${base(ctx.org.slug)}?deleted=1`);
});

// The test goes out with what is in the editor, so the form carries the draft's fields too.
const sendTestFormSchema = draftContentSchema.extend({ id: z.string(), to: z.string() });

export const sendTestEmailAction = orgAction(sendTestFormSchema, async ({ id, to, ...content }, ctx) => {
  const sent = await sendTestEmail(ctx.actor, { id, to, content });
  return { ok: true, message: `Test sent to ${sent.to}.` };
});

/**
 * The editor's live preview: called with the draft as the author types (debounced), not from a
 * form, so it resolves the tenant itself the same way `orgAction` does.
 */
export async function previewTemplateAction(slug: string, input: PreviewTemplateInput): Promise<TemplatePreview | { failure: string }> {
  const user = await currentUser();
  const ctx = user && typeof slug === "string" ? await getOrgContext(user.id, slug) : null;
  if (!ctx) return { failure: "Your session has ended, or you are no longer a member of this organization." };
  try {
    return await previewTemplate(ctx.actor, input);
  } catch (e) {
    if (isAppError(e)) return { failure: e.message };
    if (e instanceof z.ZodError) return { failure: "The preview could not read the template." };
    console.error("[templates] preview failed", e);
    return { failure: "The preview failed on our side." };
  }
}
