import { sql } from "drizzle-orm";
import { z } from "zod";
import { db, query } from "@/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { requireStaff } from "@/lib/auth/is-staff";
import type { Actor } from "@/lib/orgs/actor";

export const adjustCreditsSchema = z.object({
  delta: z.coerce
    .number({ error: "Enter a whole number of credits." })
    .int("Enter a whole number of credits.")
    .refine((n) => n !== 0, "Enter a number other than zero.")
    .refine((n) => Math.abs(n) <= 1_000_000, "Adjust by at most 1,000,000 credits at a time."),
  reason: z.string().trim().min(3, "Say why, in a few words (it goes in the ledger).").max(200),
});

/**
 * A manual correction to the org's credits by Herald staff (never by the org itself: it would
 * grant itself free sending), with its reason in the ledger. Never below zero.
 */
export async function adjustCredits(actor: Actor, input: z.input<typeof adjustCreditsSchema>) {
  await requireStaff(actor.userId, "adjust credits");
  const { delta, reason } = adjustCreditsSchema.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await query<{ balance_after: number }>(
      sql`with changed as (
            update orgs set credits = credits + ${delta}, updated_at = now()
            where id = ${actor.orgId} and credits + ${delta} >= 0
            returning id, credits
          )
          insert into credit_ledger (org_id, kind, delta, balance_after, reason, actor_id)
          select id, 'adjustment', ${delta}, credits, ${reason}, ${actor.userId} from changed
          returning balance_after`,
      tx,
    );
    if (!row) throw new AppError("VALIDATION", "That would take the balance below zero.", { delta: "The balance cannot go below zero." });
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "credits.adjusted", targetType: "org", targetId: actor.orgId, data: { delta, reason } });
    return { balance: Number(row.balance_after) };
  });
}
