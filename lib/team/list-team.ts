import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db";
import { invitations, memberships, users } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";

/** Members and pending (not accepted, not revoked) invitations of the actor's org. */
export async function listTeam(actor: Actor) {
  const [members, pending] = await Promise.all([
    db
      .select({ id: memberships.id, userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, actor.orgId))
      .orderBy(asc(memberships.createdAt)),
    db
      .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
      .from(invitations)
      .where(and(eq(invitations.orgId, actor.orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .orderBy(desc(invitations.createdAt)),
  ]);
  return { members, invitations: pending.map((i) => ({ ...i, expired: i.expiresAt.getTime() <= Date.now() })) };
}
