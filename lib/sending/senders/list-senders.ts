import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { providerConnections, senderDailyCounts, senders } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { senderHealth, utcToday, type SenderHealth } from "./sender-status";
import { toSenderView, type SenderView } from "./sender-view";

export type SenderListItem = SenderView & { sentToday: number; health: SenderHealth };

/**
 * The org's senders (optionally one channel) with today's count and health, in one query: the
 * connection join also matches the org, so a row can never show another tenant's connection.
 */
export async function listSenders(actor: Actor, opts: { channel?: "email" | "sms" } = {}): Promise<SenderListItem[]> {
  const rows = await db
    .select({ sender: senders, conn: { name: providerConnections.name, kind: providerConnections.kind, status: providerConnections.status }, sent: senderDailyCounts.sent })
    .from(senders)
    .leftJoin(providerConnections, and(eq(providerConnections.id, senders.connectionId), eq(providerConnections.orgId, actor.orgId)))
    .leftJoin(senderDailyCounts, and(eq(senderDailyCounts.senderId, senders.id), eq(senderDailyCounts.day, utcToday)))
    .where(and(eq(senders.orgId, actor.orgId), opts.channel ? eq(senders.channel, opts.channel) : undefined))
    .orderBy(asc(senders.channel), asc(senders.fromEmail), asc(senders.smsSenderId), asc(senders.createdAt));
  return rows.map(({ sender, conn, sent }) => {
    const view = toSenderView(sender, conn);
    const sentToday = sent ?? 0;
    return { ...view, sentToday, health: senderHealth({ status: view.status, sentToday, dailyCap: view.dailyCap }) };
  });
}
