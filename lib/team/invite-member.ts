import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { invitations, memberships, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertSeatAvailable } from "@/lib/billing/limits";
import { randomToken, sha256 } from "@/lib/crypto";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { dispatchSystemEmails, insertSystemEmail } from "@/lib/mail/queue-system-email";
import { invitationEmail } from "@/lib/mail/templates/invitation";
import { atLeast, requireRole, type Actor } from "@/lib/orgs/actor";
import { loadOrgName } from "./load";
import { INVITATION_TTL_DAYS, inviteSchema } from "./schemas";

export const invitationLink = (token: string) => `${appUrl()}/invite/${token}`;

/** Owners and admins invite by e-mail, with a role no higher than their own. */
export async function inviteMember(actor: Actor, input: z.input<typeof inviteSchema>) {
  requireRole(actor, "admin", "invite members");
  const { email, role } = inviteSchema.parse(input);
  if (!atLeast(actor.role, role)) {
    throw new AppError("FORBIDDEN", `You cannot invite someone as ${role}: that is above your own role.`, { role: "Choose a role no higher than your own." });
  }
  const token = randomToken();
  const { invitation, emailRow } = await db.transaction(async (tx) => {
    // Serialise invitations to one address in one org: a double-clicked form must not create two.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invite:${actor.orgId}:${email}`}))`);
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, actor.orgId), eq(users.email, email)));
    if (member) throw new AppError("CONFLICT", `${email} is already a member.`, { email: "Already a member of this organization." });
    const [pending] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.orgId, actor.orgId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, sql`now()`),
        ),
      );
    if (pending) throw new AppError("CONFLICT", `${email} already has a pending invitation: resend it instead.`, { email: "Already invited: resend the pending invitation." });
    await assertSeatAvailable(tx, actor.orgId);

    const [invitation] = await tx
      .insert(invitations)
      .values({
        orgId: actor.orgId,
        email,
        role,
        tokenHash: sha256(token),
        invitedById: actor.userId,
        expiresAt: sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})`,
      })
      .returning();
    const org = await loadOrgName(tx, actor.orgId);
    const [inviter] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, actor.userId));
    const emailRow = await insertSystemEmail(tx, {
      kind: "invitation",
      orgId: actor.orgId,
      to: email,
      ...invitationEmail({ orgName: org.name, inviterName: inviter?.name || inviter?.email || "A teammate", role, link: invitationLink(token) }),
    });
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "invitation.created", targetType: "invitation", targetId: invitation.id, data: { email, role } });
    return { invitation, emailRow };
  });
  await dispatchSystemEmails([emailRow]);
  return { invitation, token };
}
