import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { providerConnections } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { loadSender } from "./load-sender";
import { senderIdSchema } from "./schemas";
import { toSenderView, type SenderView } from "./sender-view";

/** One sender of the actor's org with its connection's name and kind. */
export async function getSender(actor: Actor, input: { id: string }): Promise<SenderView> {
  const { id } = senderIdSchema.parse(input);
  const row = await loadSender(db, actor.orgId, id);
  const [conn] = await db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.id, row.connectionId), eq(providerConnections.orgId, actor.orgId)));
  return toSenderView(row, conn ?? null);
}
