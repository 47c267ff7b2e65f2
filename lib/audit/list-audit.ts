import { and, desc, eq, lt } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, users } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/orgs/actor";

/** Newest first, keyset-paginated by id. Owners and admins only. */
export async function listAudit(actor: Actor, opts: { before?: number; limit?: number } = {}) {
  requireRole(actor, "admin", "read the audit log");
  const limit = Math.min(opts.limit ?? 50, 200);
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      data: auditLog.data,
      createdAt: auditLog.createdAt,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.orgId, actor.orgId), opts.before ? lt(auditLog.id, opts.before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  return { entries: rows.slice(0, limit), nextBefore: rows.length > limit ? rows[limit - 1].id : null };
}
