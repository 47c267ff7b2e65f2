import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { invitations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireRole, type Actor } from "@/lib/orgs/actor";
import { loadPendingInvitation } from "./load";
import { invitationIdSchema } from "./schemas";

export async function revokeInvitation(actor: Actor, input: z.input<typeof invitationIdSchema>) {
  requireRole(actor, "admin", "revoke invitations");
  const { invitationId } = invitationIdSchema.parse(input);
  await db.transaction(async (tx) => {
    const inv = await loadPendingInvitation(tx, actor.orgId, invitationId);
    await tx.update(invitations).set({ revokedAt: sql`now()` }).where(eq(invitations.id, inv.id));
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "invitation.revoked", targetType: "invitation", targetId: inv.id, data: { email: inv.email } });
  });
}
