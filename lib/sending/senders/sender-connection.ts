import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { providerConnections, type ProviderConnection } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { KIND_CHANNELS } from "@/lib/sending/providers/provider-for-connection";
import type { SenderData } from "./schemas";

const NOT_IN_ORG = "That provider connection does not exist in this organization.";

/**
 * The connection a sender will send through, checked against the sender: it belongs to the same
 * org (another org's id is NOT_FOUND, as if it did not exist), it carries the sender's channel
 * (SMS needs an HTTP SMS gateway or the outbox), and an SMTP connection limited to a domain only
 * sends from addresses of that domain (or its subdomains).
 */
export async function checkedConnection(tx: Tx, orgId: string, connectionId: string, data: SenderData): Promise<ProviderConnection> {
  const [conn] = await tx
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.id, connectionId), eq(providerConnections.orgId, orgId)));
  if (!conn) throw new AppError("NOT_FOUND", NOT_IN_ORG, { connectionId: NOT_IN_ORG });
  if (!KIND_CHANNELS[conn.kind].includes(data.channel)) {
    const msg = data.channel === "sms" ? "SMS senders need an HTTP SMS gateway or the outbox." : "E-mail senders need SendGrid, SMTP or the outbox.";
    throw new AppError("VALIDATION", msg, { connectionId: msg });
  }
  const domain = conn.kind === "smtp" && typeof conn.config.fromDomain === "string" ? conn.config.fromDomain : null;
  if (domain && data.fromEmail) {
    const host = data.fromEmail.split("@")[1] ?? "";
    if (host !== domain && !host.endsWith(`.${domain}`)) {
      const msg = `This SMTP connection sends only from addresses at ${domain}.`;
      throw new AppError("VALIDATION", msg, { fromEmail: msg });
    }
  }
  return conn;
}
