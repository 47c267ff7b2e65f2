import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { senders } from "@/db/schema";
import type { ProviderResult } from "@/lib/sending/providers/types";

// 401/403 from an HTTP API, 535 ("authentication credentials invalid") from SMTP.
const AUTH_STATUSES = new Set([401, 403, 535]);

/**
 * A batch in which every message the provider answered was refused for the sender's credentials
 * says the sender itself is broken (a revoked key, a changed password), not its recipients: the
 * sender becomes `failing` with the provider's message, so dispatch stops burning its queue.
 * Resuming it (set-sender-status.ts) is how a person says it is fixed.
 */
export async function markFailingOnAuthErrors(senderId: string, results: ProviderResult[]): Promise<boolean> {
  if (results.length === 0) return false;
  const allAuth = results.every((r) => !r.ok && !r.retryable && r.status !== undefined && AUTH_STATUSES.has(r.status));
  if (!allAuth) return false;
  const first = results[0];
  const error = first.ok ? "" : first.error;
  await db
    .update(senders)
    .set({ status: "failing", lastError: error, lastErrorAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(senders.id, senderId), eq(senders.status, "active")));
  return true;
}
