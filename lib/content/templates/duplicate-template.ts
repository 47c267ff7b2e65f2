import { and, eq, like } from "drizzle-orm";
import { db } from "@/db";
import { templates, type Template } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { templateIdSchema } from "./schemas";
import { loadTemplate, rethrowDuplicateName } from "./template-store";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** The first free "Copy of X", "Copy of X (2)", ... in the org. */
async function freeCopyName(orgId: string, name: string): Promise<string> {
  const base = `Copy of ${name}`.slice(0, 110);
  const taken = new Set(
    (await db.select({ name: templates.name }).from(templates).where(and(eq(templates.orgId, orgId), like(templates.name, `${escapeLike(base)}%`)))).map((r) => r.name),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} (${n})`)) return `${base} (${n})`;
}

/** Copies a template of the actor's org under a free "Copy of ..." name. */
export async function duplicateTemplate(actor: Actor, input: { id: string }): Promise<Template> {
  const { id } = templateIdSchema.parse(input);
  const source = await loadTemplate(db, actor.orgId, id);
  const name = await freeCopyName(actor.orgId, source.name);
  try {
    const [row] = await db
      .insert(templates)
      .values({
        orgId: actor.orgId,
        channel: source.channel,
        name,
        subject: source.subject,
        preheader: source.preheader,
        html: source.html,
        text: source.text,
        smsBody: source.smsBody,
        variables: source.variables,
        createdById: actor.userId,
      })
      .returning();
    return row;
  } catch (e) {
    rethrowDuplicateName(e);
  }
}
