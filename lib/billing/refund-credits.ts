import { sql } from "drizzle-orm";
import { query, type Db, type Tx } from "@/db";
import { AppError } from "@/lib/errors";

/**
 * Gives back credits for messages that failed before reaching a provider. `key` names what is
 * refunded (`refund:msg_...`, or one key per batch), so a retried failure refunds once: the
 * ledger's unique (org, key) stops the second insert, and the balance moves in the same statement.
 * Returns the new balance, or null when that key was already refunded.
 */
export async function refundCredits(tx: Tx | Db, input: { orgId: string; amount: number; key: string; reason?: string }): Promise<number | null> {
  const { orgId, amount, key } = input;
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new AppError("BAD_REQUEST", "The number of credits to refund must be a positive whole number.");
  if (!key) throw new AppError("BAD_REQUEST", "A refund needs a key naming what it refunds.");
  // The ledger row is claimed first (its key is unique); only a claimed refund moves the balance.
  const [row] = await query<{ balance_after: number }>(
    sql`with claimed as (
          insert into credit_ledger (org_id, kind, delta, balance_after, key, reason)
          select id, 'refund', ${amount}, credits + ${amount}, ${key}, ${input.reason ?? "Message failed before reaching a provider"}
          -- Locked so balance_after is exact under concurrent takes.
          from (select id, credits from orgs where id = ${orgId} for update) o
          on conflict (org_id, key) where key is not null do nothing
          returning org_id
        )
        update orgs set credits = credits + ${amount}, updated_at = now()
        from claimed where orgs.id = claimed.org_id
        returning orgs.credits as balance_after`,
    tx,
  );
  return row ? Number(row.balance_after) : null;
}
