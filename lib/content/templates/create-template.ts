import { db } from "@/db";
import { templates, type Template } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { createTemplateSchema, type CreateTemplateInput } from "./schemas";
import { assertNameFree, assertTemplateSound, rethrowDuplicateName } from "./template-store";

/**
 * Adds an e-mail or SMS template. Any member may. Merge tags are checked now (unknown variables,
 * undeclared attributes, syntax) so nothing is discovered at send time; a name already used in
 * the org is a CONFLICT on `name`.
 */
export async function createTemplate(actor: Actor, input: CreateTemplateInput): Promise<Template> {
  const data = createTemplateSchema.parse(input);
  const content =
    data.channel === "email"
      ? { subject: data.subject, preheader: data.preheader, html: data.html, text: data.text, smsBody: null }
      : { subject: null, preheader: null, html: null, text: null, smsBody: data.smsBody };
  const variables = await assertTemplateSound(actor.orgId, content);
  await assertNameFree(db, actor.orgId, data.name);
  try {
    const [row] = await db
      .insert(templates)
      .values({ orgId: actor.orgId, channel: data.channel, name: data.name, ...content, variables, createdById: actor.userId })
      .returning();
    return row;
  } catch (e) {
    rethrowDuplicateName(e);
  }
}
