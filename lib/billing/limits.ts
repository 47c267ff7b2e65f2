import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { contacts, invitations, memberships, orgs } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getPlan, type Plan } from "./plans";

/** Where every limit message sends people: the billing page's plan cards. */
export const upgradePath = (slug: string) => `/o/${slug}/billing`;

async function planOf(tx: Tx | Db, orgId: string): Promise<{ plan: Plan; slug: string }> {
  const [org] = await tx.select({ plan: orgs.plan, slug: orgs.slug }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new AppError("NOT_FOUND", "That organization does not exist.");
  return { plan: getPlan(org.plan), slug: org.slug };
}

/** Members plus pending, unexpired invitations: an invitation holds a seat until it lapses. */
export async function seatsInUse(tx: Tx | Db, orgId: string): Promise<number> {
  const [m] = await tx.select({ n: sql<number>`count(*)::int` }).from(memberships).where(eq(memberships.orgId, orgId));
  const [i] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`)));
  return Number(m.n) + Number(i.n);
}

/**
 * Refuses one more seat past the plan's limit. Call inside the inviting transaction, under a
 * per-org lock, so two concurrent invitations cannot both take the last seat.
 */
export async function assertSeatAvailable(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`seats:${orgId}`}))`);
  const { plan, slug } = await planOf(tx, orgId);
  const used = await seatsInUse(tx, orgId);
  if (used >= plan.seats) {
    throw new AppError(
      "LIMIT_REACHED",
      `Your ${plan.name} plan includes ${plan.seats} seats and all are taken (members and pending invitations). Upgrade for more seats: ${upgradePath(slug)}`,
      { email: `Seat limit reached (${plan.seats} on ${plan.name}).` },
    );
  }
}

/** Contacts the org may still add under its plan (never negative). */
export async function remainingContactCapacity(orgId: string, tx: Tx | Db = db): Promise<number> {
  const { plan } = await planOf(tx, orgId);
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(contacts).where(eq(contacts.orgId, orgId));
  return Math.max(0, plan.contacts - Number(row.n));
}

/**
 * For contact creation and the importer: refuses adding `adding` new contacts past the plan's
 * contact limit, naming the limit and the upgrade. Serialised per org inside the caller's
 * transaction so two writers cannot both fill the last places. Returns the capacity left
 * before the addition (an importer can stop at exactly that many rows).
 */
export async function assertContactCapacity(tx: Tx, orgId: string, adding: number): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`contacts-capacity:${orgId}`}))`);
  const { plan, slug } = await planOf(tx, orgId);
  const remaining = await remainingContactCapacity(orgId, tx);
  if (adding > remaining) {
    throw new AppError(
      "LIMIT_REACHED",
      remaining === 0
        ? `Your ${plan.name} plan holds ${plan.contacts.toLocaleString("en-US")} contacts and it is full. Upgrade to add more: ${upgradePath(slug)}`
        : `Your ${plan.name} plan holds ${plan.contacts.toLocaleString("en-US")} contacts; only ${remaining.toLocaleString("en-US")} more fit. Upgrade to add more: ${upgradePath(slug)}`,
    );
  }
  return remaining;
}
