import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { invitations, memberships, orgs, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { sha256 } from "@/lib/crypto";
import { AppError } from "@/lib/errors";

export type InvitationView = {
  id: string;
  email: string;
  role: string;
  orgName: string;
  orgSlug: string;
  state: "pending" | "accepted" | "revoked" | "expired";
};

/** What the `/invite/<token>` page shows before anyone acts. Unknown tokens are NOT_FOUND. */
export async function getInvitationByToken(token: string): Promise<InvitationView> {
  const [row] = await db
    .select({ inv: invitations, orgName: orgs.name, orgSlug: orgs.slug })
    .from(invitations)
    .innerJoin(orgs, eq(orgs.id, invitations.orgId))
    .where(eq(invitations.tokenHash, sha256(token)));
  if (!row) throw new AppError("NOT_FOUND", "This invitation link is not valid. Ask for a new invitation.");
  const { inv } = row;
  const state = inv.acceptedAt ? "accepted" : inv.revokedAt ? "revoked" : inv.expiresAt.getTime() <= Date.now() ? "expired" : "pending";
  return { id: inv.id, email: inv.email, role: inv.role, orgName: row.orgName, orgSlug: row.orgSlug, state };
}

const STATE_MESSAGE = {
  accepted: "This invitation was already used.",
  revoked: "This invitation was revoked. Ask for a new one.",
  expired: "This invitation has expired. Ask for a new one.",
} as const;

/**
 * Joins the invited org. Only the signed-in user whose verified e-mail matches may accept;
 * the token is consumed by a guarded UPDATE, so two concurrent accepts cannot both succeed.
 */
export async function acceptInvitation(userId: string, token: string) {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to accept this invitation.");
    const [inv] = await tx.select().from(invitations).where(eq(invitations.tokenHash, sha256(token))).for("update");
    if (!inv) throw new AppError("NOT_FOUND", "This invitation link is not valid. Ask for a new invitation.");
    if (inv.acceptedAt) throw new AppError("GONE", STATE_MESSAGE.accepted);
    if (inv.revokedAt) throw new AppError("GONE", STATE_MESSAGE.revoked);
    if (inv.expiresAt.getTime() <= Date.now()) throw new AppError("GONE", STATE_MESSAGE.expired);
    if (user.email !== inv.email || !user.emailVerified) {
      throw new AppError("FORBIDDEN", `This invitation is for ${inv.email}, but you are signed in as ${user.email}. Sign in with the invited address.`);
    }
    const [consumed] = await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()`, acceptedById: userId })
      .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (!consumed) throw new AppError("GONE", STATE_MESSAGE.accepted);
    // An existing member keeps their role: an invitation never changes someone's standing.
    const inserted = await tx
      .insert(memberships)
      .values({ orgId: inv.orgId, userId, role: inv.role })
      .onConflictDoNothing()
      .returning({ id: memberships.id });
    await recordAudit(tx, {
      orgId: inv.orgId,
      actorId: userId,
      action: "invitation.accepted",
      targetType: "invitation",
      targetId: inv.id,
      data: { email: inv.email, role: inv.role, alreadyMember: inserted.length === 0 },
    });
    const [org] = await tx.select({ slug: orgs.slug, name: orgs.name }).from(orgs).where(eq(orgs.id, inv.orgId));
    return { orgSlug: org.slug, orgName: org.name };
  });
}
