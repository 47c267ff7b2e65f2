import { desc, eq, ilike, or } from "drizzle-orm";
import { db } from "@/db";
import { outboxMessages } from "@/db/schema";

/** The outbox, newest first. Development tooling: it spans every org, so it is never tenant-facing. */
export async function listOutbox(opts: { to?: string; limit?: number } = {}) {
  const q = opts.to?.trim();
  return db
    .select({ id: outboxMessages.id, channel: outboxMessages.channel, from: outboxMessages.from, to: outboxMessages.to, subject: outboxMessages.subject, createdAt: outboxMessages.createdAt })
    .from(outboxMessages)
    .where(q ? or(ilike(outboxMessages.to, `%${q}%`), ilike(outboxMessages.subject, `%${q}%`)) : undefined)
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(opts.limit ?? 100);
}

export async function getOutboxMessage(id: string) {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row ?? null;
}
