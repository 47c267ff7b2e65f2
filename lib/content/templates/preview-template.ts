import { z } from "zod";
import { db } from "@/db";
import { checkTemplate } from "@/lib/content/check-template";
import { TemplateError } from "@/lib/content/liquid-engine";
import { renderEmail, renderSms } from "@/lib/content/render-template";
import { countSms, type SmsCount } from "@/lib/content/sms-segments";
import type { Actor } from "@/lib/orgs/actor";
import { effectiveContent } from "./draft-content";
import { sampleContext } from "./sample-context";
import { draftContentSchema } from "./schemas";
import { declaredAttributeKeys, loadTemplate } from "./template-store";

export const previewTemplateSchema = z.object({
  /** A saved template of the org; without it, `channel` and `content` describe an unsaved one. */
  id: z.string().trim().min(1).max(40).optional(),
  channel: z.enum(["email", "sms"]).optional(),
  content: draftContentSchema.optional(),
});
export type PreviewTemplateInput = z.input<typeof previewTemplateSchema>;

export type TemplatePreview = {
  sample: { label: string; builtIn: boolean };
  /** Merge-tag problems per field; what could be rendered is still returned. */
  errors: Record<string, string>;
  email?: { subject: string; preheader: string; html: string; text: string };
  sms?: { body: string; count: SmsCount };
};

/**
 * Renders a template, saved or as typed in the editor, with a sample contact for the preview
 * pane. Problems are answered, not thrown: the pane shows them while the author types.
 */
export async function previewTemplate(actor: Actor, input: PreviewTemplateInput): Promise<TemplatePreview> {
  const data = previewTemplateSchema.parse(input);
  const saved = data.id ? await loadTemplate(db, actor.orgId, data.id) : null;
  const channel = saved?.channel ?? data.channel ?? "email";
  const content = effectiveContent(saved, data.content);
  const [{ ctx, sample }, declared] = await Promise.all([sampleContext(actor.orgId, channel), declaredAttributeKeys(db, actor.orgId)]);
  const fields = channel === "email" ? { subject: content.subject, preheader: content.preheader, html: content.html, text: content.text } : { smsBody: content.smsBody };
  const errors: Record<string, string> = { ...checkTemplate(fields, declared).errors };
  const result: TemplatePreview = { sample, errors };
  try {
    if (channel === "email") result.email = renderEmail({ subject: content.subject, preheader: content.preheader, html: content.html, text: content.text }, ctx);
    else {
      const body = renderSms(content.smsBody, ctx);
      result.sms = { body, count: countSms(body) };
    }
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    // A parse error is already beside its field; a render error (a limit) belongs to the whole template.
    if (Object.keys(errors).length === 0) errors._ = e.message;
  }
  return result;
}
