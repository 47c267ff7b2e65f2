import { and, asc, count, eq } from "drizzle-orm";
import { db } from "@/db";
import { providerConnections, senders } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { toConnectionView, type ConnectionView } from "./connection-view";

export type ConnectionListItem = ConnectionView & { senderCount: number };

/** The org's connections by name, each with how many senders use it. Any member may look. */
export async function listConnections(actor: Actor): Promise<ConnectionListItem[]> {
  const [rows, usage] = await Promise.all([
    db.select().from(providerConnections).where(eq(providerConnections.orgId, actor.orgId)).orderBy(asc(providerConnections.name)),
    db
      .select({ connectionId: senders.connectionId, n: count() })
      .from(senders)
      .where(and(eq(senders.orgId, actor.orgId)))
      .groupBy(senders.connectionId),
  ]);
  const byId = new Map(usage.map((u) => [u.connectionId, u.n]));
  return rows.map((r) => ({ ...toConnectionView(r), senderCount: byId.get(r.id) ?? 0 }));
}
