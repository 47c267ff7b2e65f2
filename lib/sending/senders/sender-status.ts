import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { providerConnections, senderDailyCounts } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { loadSender } from "./load-sender";
import { senderIdSchema } from "./schemas";
import { toSenderView, type SenderView } from "./sender-view";

export type SenderHealth = "healthy" | "at_cap" | "paused" | "failing";

export const HEALTH_LABELS: Record<SenderHealth, string> = {
  healthy: "Healthy",
  at_cap: "At daily cap",
  paused: "Paused",
  failing: "Failing",
};

/** The UTC day the daily cap counts in, as Postgres sees it (one clock for every process). */
export const utcToday = sql`(now() at time zone 'utc')::date`;

/**
 * One label for "will this sender send now?": a person's pause first, then the system's failing
 * flag, then the cap for the current UTC day.
 */
export function senderHealth(s: { status: SenderView["status"]; sentToday: number; dailyCap: number }): SenderHealth {
  if (s.status === "paused") return "paused";
  if (s.status === "failing") return "failing";
  if (s.sentToday >= s.dailyCap) return "at_cap";
  return "healthy";
}

export type SenderActivity = { at: Date; kind: string; detail: string };

export type SenderStatus = {
  sender: SenderView;
  sentToday: number;
  remainingToday: number;
  health: SenderHealth;
  /** Filled by the send pipeline's message log once it exists; empty until then. */
  recentActivity: SenderActivity[];
};

/** The mailbox status page: sent today against the cap, rate, last error, health. Any member may look. */
export async function getSenderStatus(actor: Actor, input: { id: string }): Promise<SenderStatus> {
  const { id } = senderIdSchema.parse(input);
  const row = await loadSender(db, actor.orgId, id);
  const [[conn], [count]] = await Promise.all([
    db
      .select()
      .from(providerConnections)
      .where(and(eq(providerConnections.id, row.connectionId), eq(providerConnections.orgId, actor.orgId))),
    db
      .select({ sent: senderDailyCounts.sent })
      .from(senderDailyCounts)
      .where(and(eq(senderDailyCounts.senderId, row.id), eq(senderDailyCounts.day, utcToday))),
  ]);
  const sender = toSenderView(row, conn ?? null);
  const sentToday = count?.sent ?? 0;
  return {
    sender,
    sentToday,
    remainingToday: Math.max(0, sender.dailyCap - sentToday),
    health: senderHealth({ status: sender.status, sentToday, dailyCap: sender.dailyCap }),
    recentActivity: [],
  };
}
