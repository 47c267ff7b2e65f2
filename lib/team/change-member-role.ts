import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { memberships } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { atLeast, requireRole, type Actor } from "@/lib/orgs/actor";
import { loadMembershipForUpdate, lockOwnerCount } from "./load";
import { changeRoleSchema } from "./schemas";

/**
 * Owners and admins change roles, never above their own and never on someone above them;
 * the last owner cannot be demoted.
 */
export async function changeMemberRole(actor: Actor, input: z.input<typeof changeRoleSchema>) {
  requireRole(actor, "admin", "change roles");
  const { membershipId, role } = changeRoleSchema.parse(input);
  if (!atLeast(actor.role, role)) throw new AppError("FORBIDDEN", `You cannot grant the ${role} role: it is above your own.`);
  await db.transaction(async (tx) => {
    const owners = await lockOwnerCount(tx, actor.orgId);
    const target = await loadMembershipForUpdate(tx, actor.orgId, membershipId);
    if (!atLeast(actor.role, target.role)) throw new AppError("FORBIDDEN", "You cannot change the role of someone above you.");
    if (target.role === role) return;
    if (target.role === "owner" && owners <= 1) {
      throw new AppError("CONFLICT", "This is the only owner. Make someone else owner first.");
    }
    await tx.update(memberships).set({ role }).where(eq(memberships.id, target.id));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: "member.role_changed",
      targetType: "user",
      targetId: target.userId,
      data: { from: target.role, to: role },
    });
  });
}
