import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { memberships } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { atLeast, requireRole, type Actor } from "@/lib/orgs/actor";
import { loadMembershipForUpdate, lockOwnerCount } from "./load";
import { membershipIdSchema } from "./schemas";

/** Owners and admins remove members at or below their own role; the last owner stays. */
export async function removeMember(actor: Actor, input: z.input<typeof membershipIdSchema>) {
  requireRole(actor, "admin", "remove members");
  const { membershipId } = membershipIdSchema.parse(input);
  await db.transaction(async (tx) => {
    const owners = await lockOwnerCount(tx, actor.orgId);
    const target = await loadMembershipForUpdate(tx, actor.orgId, membershipId);
    if (target.userId === actor.userId) throw new AppError("BAD_REQUEST", "To remove yourself, leave the organization instead.");
    if (!atLeast(actor.role, target.role)) throw new AppError("FORBIDDEN", "You cannot remove someone above your role.");
    if (target.role === "owner" && owners <= 1) throw new AppError("CONFLICT", "The last owner cannot be removed.");
    await tx.delete(memberships).where(eq(memberships.id, target.id));
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "member.removed", targetType: "user", targetId: target.userId, data: { role: target.role } });
  });
}
