import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { templates, type Template } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { emailContentSchema, smsContentSchema, updateTemplateSchema, type UpdateTemplateInput } from "./schemas";
import { assertNameFree, assertTemplateSound, loadTemplate, rethrowDuplicateName } from "./template-store";

/**
 * Saves a template's name and content. The channel never changes (campaigns and the editor rely
 * on it); fields of the other channel are ignored. Campaigns snapshot content at launch, so a
 * save never changes a campaign already sent.
 */
export async function updateTemplate(actor: Actor, input: UpdateTemplateInput): Promise<Template> {
  const data = updateTemplateSchema.parse(input);
  const current = await loadTemplate(db, actor.orgId, data.id);
  const content =
    current.channel === "email"
      ? { ...emailContentSchema.parse(data), smsBody: null }
      : { subject: null, preheader: null, html: null, text: null, ...smsContentSchema.parse(data) };
  const variables = await assertTemplateSound(actor.orgId, content);
  await assertNameFree(db, actor.orgId, data.name, current.id);
  try {
    const [row] = await db
      .update(templates)
      .set({ name: data.name, ...content, variables, updatedAt: sql`now()` })
      .where(and(eq(templates.id, current.id), eq(templates.orgId, actor.orgId)))
      .returning();
    return row;
  } catch (e) {
    rethrowDuplicateName(e);
  }
}
