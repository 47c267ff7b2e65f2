import { and, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { creditLedger, orgs, users } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { requireBillingViewer } from "./permissions";

export const ledgerPageSchema = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * The org's credit ledger, newest first, with the balance it explains: the sum of every entry
 * equals `orgs.credits` (`explained` says whether it does, which a test and the page both show).
 */
export async function listCreditLedger(actor: Actor, input: z.input<typeof ledgerPageSchema> = {}) {
  requireBillingViewer(actor);
  const { before, limit } = ledgerPageSchema.parse(input);
  const entries = await db
    .select({
      id: creditLedger.id,
      kind: creditLedger.kind,
      delta: creditLedger.delta,
      balanceAfter: creditLedger.balanceAfter,
      reason: creditLedger.reason,
      key: creditLedger.key,
      actorName: users.name,
      actorEmail: users.email,
      createdAt: creditLedger.createdAt,
    })
    .from(creditLedger)
    .leftJoin(users, eq(users.id, creditLedger.actorId))
    .where(and(eq(creditLedger.orgId, actor.orgId), before ? lt(creditLedger.id, before) : undefined))
    .orderBy(desc(creditLedger.createdAt), desc(creditLedger.id))
    .limit(limit + 1);
  const [totals] = await db
    .select({
      balance: orgs.credits,
      ledgerSum: sql<number>`coalesce((select sum(delta) from ${creditLedger} where org_id = ${actor.orgId}), 0)::int`,
    })
    .from(orgs)
    .where(eq(orgs.id, actor.orgId));
  return {
    entries: entries.slice(0, limit),
    nextBefore: entries.length > limit ? entries[limit - 1].id : null,
    balance: totals.balance,
    ledgerSum: Number(totals.ledgerSum),
    explained: Number(totals.ledgerSum) === totals.balance,
  };
}
