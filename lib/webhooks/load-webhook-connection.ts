import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { providerConnections, type ProviderConnection } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hasPrefix } from "@/lib/ids";

export const WEBHOOK_CONNECTION_NOT_FOUND = "No provider connection of that kind has this webhook address.";

/**
 * The connection a provider webhook URL names (`/api/webhooks/<provider>/<connection id>`). The
 * URL is the only tenant a provider can give, so the org comes from this row and from nothing in
 * the payload; the signature checked next proves the caller holds the connection's key. Another
 * kind's id is the same NOT_FOUND as an id that never existed.
 */
export async function loadWebhookConnection(id: string, kind: "sendgrid" | "http_sms"): Promise<ProviderConnection> {
  if (!hasPrefix(id, "pvd")) throw new AppError("NOT_FOUND", WEBHOOK_CONNECTION_NOT_FOUND);
  const [row] = await db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.id, id), eq(providerConnections.kind, kind)));
  if (!row) throw new AppError("NOT_FOUND", WEBHOOK_CONNECTION_NOT_FOUND);
  return row;
}
