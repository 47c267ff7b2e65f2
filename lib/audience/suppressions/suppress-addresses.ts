import { sql } from "drizzle-orm";
import { query, type Db, type Tx } from "@/db";
import { addressHash } from "./address-hash";
import type { SuppressionChannel, SuppressionReason } from "./schemas";

export type AddressToSuppress = { channel: SuppressionChannel; address: string };

/**
 * The one writer of suppression rows: a single set-based INSERT for any number of normalised
 * addresses. An address already suppressed keeps its first entry (its reason and time say why it
 * was suppressed first), so the statement is idempotent. Returns the ids of the rows it added.
 */
export async function suppressAddresses(
  on: Db | Tx,
  orgId: string,
  rows: AddressToSuppress[],
  reason: SuppressionReason,
  source: string | null,
): Promise<{ id: number; channel: SuppressionChannel; address: string }[]> {
  if (rows.length === 0) return [];
  // One jsonb parameter carries the whole set: the same SQL text for both drivers and any size.
  const payload = JSON.stringify(rows.map((r) => ({ channel: r.channel, address: r.address, hash: addressHash(r.address) })));
  const inserted = await query<{ id: number | string; channel: SuppressionChannel; address: string }>(
    sql`INSERT INTO suppressions (org_id, channel, address, address_hash, reason, source)
        SELECT ${orgId}, x.channel::channel, x.address, x.hash, ${reason}::suppression_reason, ${source}
        FROM jsonb_to_recordset(${payload}::jsonb) AS x(channel text, address text, hash text)
        ON CONFLICT (org_id, channel, address_hash) DO NOTHING
        RETURNING id, channel, address`,
    on,
  );
  return inserted.map((r) => ({ id: Number(r.id), channel: r.channel, address: r.address }));
}
