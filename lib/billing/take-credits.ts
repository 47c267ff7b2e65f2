import { sql } from "drizzle-orm";
import { query, type Db, type Tx } from "@/db";
import { AppError } from "@/lib/errors";
import type { QueuedEmail } from "@/lib/notifications/raise-notification";
import { notifyCreditThresholds } from "./credit-notifications";

export type TakeCreditsInput = {
  orgId: string;
  /** Credits to take: one per message. */
  amount: number;
  /** Idempotency for the use entry (e.g. `campaign:<id>`); a repeat fails the caller's transaction. */
  key?: string | null;
  reason?: string | null;
};

export type TakeCreditsResult = {
  balance: number;
  /** Notification e-mails queued in the transaction: pass to `dispatchSystemEmails` after commit. */
  emails: QueuedEmail[];
};

/**
 * Takes `amount` credits in the caller's transaction: one atomic UPDATE that only matches while
 * the balance covers it, and the ledger entry in the same statement. Under any concurrency the
 * balance never goes below zero and every credit taken has its ledger row. A refusal throws
 * INSUFFICIENT_CREDITS and writes nothing, so the caller's transaction (the message rows) rolls back.
 */
export async function takeCredits(tx: Tx | Db, input: TakeCreditsInput): Promise<TakeCreditsResult> {
  const { orgId, amount } = input;
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new AppError("BAD_REQUEST", "The number of credits to take must be a positive whole number.");
  const [row] = await query<{ balance_after: number }>(
    sql`with taken as (
          update orgs set credits = credits - ${amount}, updated_at = now()
          where id = ${orgId} and credits >= ${amount}
          returning id, credits
        )
        insert into credit_ledger (org_id, kind, delta, balance_after, key, reason)
        select id, 'use', ${-amount}, credits, ${input.key ?? null}, ${input.reason ?? null} from taken
        returning balance_after`,
    tx,
  );
  if (!row) throw new AppError("INSUFFICIENT_CREDITS", "Insufficient credits.");
  const balance = Number(row.balance_after);
  const emails = await notifyCreditThresholds(tx, orgId, balance + amount, balance);
  return { balance, emails };
}
