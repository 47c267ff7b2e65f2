import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { templates } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";

export type TemplateSummary = Awaited<ReturnType<typeof listTemplates>>[number];

/**
 * The org's templates, most recently edited first (or by name), optionally of one channel.
 * Orgs keep tens to hundreds of templates, so one page is the whole list up to a generous cap.
 */
export async function listTemplates(actor: Actor, opts: { channel?: "email" | "sms"; sort?: "updated" | "name"; limit?: number } = {}) {
  const where: SQL[] = [eq(templates.orgId, actor.orgId)];
  if (opts.channel) where.push(eq(templates.channel, opts.channel));
  return db
    .select({ id: templates.id, name: templates.name, channel: templates.channel, subject: templates.subject, updatedAt: templates.updatedAt, createdAt: templates.createdAt })
    .from(templates)
    .where(and(...where))
    .orderBy(...(opts.sort === "name" ? [asc(templates.name)] : [desc(templates.updatedAt), asc(templates.name)]))
    .limit(Math.min(opts.limit ?? 500, 1000));
}
