import type { Db, Tx } from "@/db";
import { auditLog } from "@/db/schema";

export type AuditInput = {
  orgId: string;
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
};

/** Writes an audit entry in the caller's transaction, so the entry exists exactly when the change does. */
export async function recordAudit(tx: Tx | Db, entry: AuditInput) {
  await tx.insert(auditLog).values({ ...entry, data: entry.data ?? {} });
}
