import { db } from "@/db";
import type { Actor } from "@/lib/orgs/actor";
import { toConnectionView, type ConnectionView } from "./connection-view";
import { loadConnection } from "./load-connection";
import { connectionIdSchema } from "./schemas";

/** One connection of the actor's org, without its secrets. */
export async function getConnection(actor: Actor, input: { id: string }): Promise<ConnectionView> {
  const { id } = connectionIdSchema.parse(input);
  return toConnectionView(await loadConnection(db, actor.orgId, id));
}
