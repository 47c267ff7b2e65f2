import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { invitations, memberships, orgs } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** A membership of the actor's org, locked for the transaction. A miss (or another org's id) is NOT_FOUND. */
export async function loadMembershipForUpdate(tx: Tx, orgId: string, membershipId: string) {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.orgId, orgId)))
    .for("update");
  if (!m) throw new AppError("NOT_FOUND", "That member is not in this organization.");
  return m;
}

/** Locks the org's owner rows so two concurrent changes cannot both remove "the other" owner. */
export async function lockOwnerCount(tx: Tx, orgId: string): Promise<number> {
  const rows = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")))
    .for("update");
  return rows.length;
}

export async function loadPendingInvitation(tx: Tx, orgId: string, invitationId: string) {
  const [inv] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.orgId, orgId)))
    .for("update");
  if (!inv) throw new AppError("NOT_FOUND", "That invitation does not exist in this organization.");
  if (inv.acceptedAt) throw new AppError("CONFLICT", "That invitation was already accepted.");
  if (inv.revokedAt) throw new AppError("CONFLICT", "That invitation was revoked.");
  return inv;
}

export async function loadOrgName(tx: Tx, orgId: string) {
  const [org] = await tx.select({ name: orgs.name, slug: orgs.slug }).from(orgs).where(eq(orgs.id, orgId));
  return org;
}

export const nowSql = sql`now()`;
