import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { providerConnections, type ProviderConnection } from "@/db/schema";

export const OUTBOX_CONNECTION_NAME = "Outbox (development)";

/**
 * Every org implicitly has the outbox: it is created the first time the org opens its providers
 * page or adds a sender, so the embedded default needs no setup. A system step, not a user's
 * change, hence no role check. Concurrent callers converge on the unique (org, name).
 */
export async function ensureOutboxConnection(orgId: string): Promise<ProviderConnection | null> {
  const existing = () =>
    db
      .select()
      .from(providerConnections)
      .where(and(eq(providerConnections.orgId, orgId), eq(providerConnections.kind, "outbox")))
      .orderBy(asc(providerConnections.createdAt))
      .limit(1);
  const [found] = await existing();
  if (found) return found;
  await db.insert(providerConnections).values({ orgId, name: OUTBOX_CONNECTION_NAME, kind: "outbox", status: "ok" }).onConflictDoNothing();
  // Null only when the org gave that name to another kind of connection; then it has chosen its providers.
  const [created] = await existing();
  return created ?? null;
}
