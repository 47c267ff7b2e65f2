import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { invitations, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { randomToken, sha256 } from "@/lib/crypto";
import { dispatchSystemEmails, insertSystemEmail } from "@/lib/mail/queue-system-email";
import { invitationEmail } from "@/lib/mail/templates/invitation";
import { requireRole, type Actor } from "@/lib/orgs/actor";
import { invitationLink } from "./invite-member";
import { loadOrgName, loadPendingInvitation } from "./load";
import { INVITATION_TTL_DAYS, invitationIdSchema } from "./schemas";
import { assertSeatAvailable } from "@/lib/billing/limits";

/** Issues a fresh token (the old link stops working) and a new 7-day expiry, and e-mails it again. */
export async function resendInvitation(actor: Actor, input: z.input<typeof invitationIdSchema>) {
  requireRole(actor, "admin", "resend invitations");
  const { invitationId } = invitationIdSchema.parse(input);
  const token = randomToken();
  const emailRow = await db.transaction(async (tx) => {
    const inv = await loadPendingInvitation(tx, actor.orgId, invitationId);
    // An expired invitation no longer holds a seat: renewing it takes one, so the limit applies again.
    if (inv.expiresAt.getTime() <= Date.now()) await assertSeatAvailable(tx, actor.orgId);
    await tx
      .update(invitations)
      .set({ tokenHash: sha256(token), expiresAt: sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})` })
      .where(eq(invitations.id, inv.id));
    const org = await loadOrgName(tx, actor.orgId);
    const [inviter] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, actor.userId));
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "invitation.resent", targetType: "invitation", targetId: inv.id, data: { email: inv.email } });
    return insertSystemEmail(tx, {
      kind: "invitation",
      orgId: actor.orgId,
      to: inv.email,
      ...invitationEmail({ orgName: org.name, inviterName: inviter?.name || inviter?.email || "A teammate", role: inv.role, link: invitationLink(token) }),
    });
  });
  await dispatchSystemEmails([emailRow]);
  return { token };
}
