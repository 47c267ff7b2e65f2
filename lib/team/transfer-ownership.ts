import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { memberships } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { requireRole, type Actor } from "@/lib/orgs/actor";
import { loadMembershipForUpdate, lockOwnerCount } from "./load";
import { membershipIdSchema } from "./schemas";

/** The acting owner hands ownership to another member and becomes an admin. */
export async function transferOwnership(actor: Actor, input: z.input<typeof membershipIdSchema>) {
  requireRole(actor, "owner", "transfer ownership");
  const { membershipId } = membershipIdSchema.parse(input);
  await db.transaction(async (tx) => {
    await lockOwnerCount(tx, actor.orgId);
    const target = await loadMembershipForUpdate(tx, actor.orgId, membershipId);
    if (target.userId === actor.userId) throw new AppError("BAD_REQUEST", "You already own this organization.");
    const [me] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, actor.userId)))
      .for("update");
    if (!me || me.role !== "owner") throw new AppError("FORBIDDEN", "Only owners can transfer ownership.");
    await tx.update(memberships).set({ role: "owner" }).where(eq(memberships.id, target.id));
    await tx.update(memberships).set({ role: "admin" }).where(eq(memberships.id, me.id));
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "org.ownership_transferred", targetType: "user", targetId: target.userId, data: { previousRole: target.role } });
  });
}
