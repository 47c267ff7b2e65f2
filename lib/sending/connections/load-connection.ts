import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { providerConnections, type ProviderConnection } from "@/db/schema";
import { AppError } from "@/lib/errors";

export const CONNECTION_NOT_FOUND = "That provider connection does not exist in this organization.";

/** One connection of the org; another org's id is NOT_FOUND, exactly like an id that never existed. */
export async function loadConnection(on: Db | Tx, orgId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<ProviderConnection> {
  const q = on.select().from(providerConnections).where(and(eq(providerConnections.id, id), eq(providerConnections.orgId, orgId)));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw new AppError("NOT_FOUND", CONNECTION_NOT_FOUND);
  return row;
}
