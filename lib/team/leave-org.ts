import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { memberships } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { lockOwnerCount } from "./load";

export async function leaveOrg(actor: Actor) {
  await db.transaction(async (tx) => {
    const owners = await lockOwnerCount(tx, actor.orgId);
    const [me] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, actor.userId)))
      .for("update");
    if (!me) throw new AppError("NOT_FOUND", "You are not a member of this organization.");
    if (me.role === "owner" && owners <= 1) {
      throw new AppError("CONFLICT", "You are the last owner. Transfer ownership to someone else before leaving.");
    }
    await tx.delete(memberships).where(eq(memberships.id, me.id));
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "member.left", targetType: "user", targetId: actor.userId, data: { role: me.role } });
  });
}
