import type { Tx } from "@/db";
import { refundCredits } from "@/lib/billing/refund-credits";

/** Messages of one org leaving the queue together, by count and id range. */
export type DroppedGroup = { orgId: string; count: number; minId: number; maxId: number };

/** Rows grouped per org for `refundDropped`. */
export function groupByOrg(rows: { id: number; orgId: string }[]): DroppedGroup[] {
  const groups = new Map<string, DroppedGroup>();
  for (const r of rows) {
    const g = groups.get(r.orgId);
    if (!g) groups.set(r.orgId, { orgId: r.orgId, count: 1, minId: r.id, maxId: r.id });
    else {
      g.count++;
      g.minId = Math.min(g.minId, r.id);
      g.maxId = Math.max(g.maxId, r.id);
    }
  }
  return [...groups.values()];
}

/**
 * Gives back the credits of messages that never reached a provider (expired, suppressed at the
 * last moment, not renderable), one ledger entry per org and batch. The key names the batch by
 * its ids: a message leaves `queued` or `sending` once, so no two batches share a key, and a
 * retried transaction that refunds the same batch again is stopped by the ledger's unique key.
 * Only for orgs on a credit plan (the caller knows); the others paid nothing up front.
 */
export async function refundDropped(tx: Tx, groups: DroppedGroup[], stage: string): Promise<void> {
  for (const g of groups) {
    if (g.count <= 0) continue;
    await refundCredits(tx, { orgId: g.orgId, amount: g.count, key: `refund:${stage}:${g.minId}-${g.maxId}:${g.count}`, reason: "Messages that never reached a provider" });
  }
}
