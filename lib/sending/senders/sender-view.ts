import type { ProviderConnection, Sender } from "@/db/schema";
import { formatAddress } from "@/lib/sending/providers/address";

export type SenderView = {
  id: string;
  channel: Sender["channel"];
  /** What recipients see: `Name <address>` or the SMS sender id. */
  from: string;
  fromName: string | null;
  fromEmail: string | null;
  smsSenderId: string | null;
  connectionId: string;
  connectionName: string | null;
  connectionKind: ProviderConnection["kind"] | null;
  connectionStatus: ProviderConnection["status"] | null;
  ratePerSecond: number;
  dailyCap: number;
  status: Sender["status"];
  lastError: string | null;
  lastErrorAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

type ConnectionPart = Pick<ProviderConnection, "name" | "kind" | "status"> | null;

export function senderFrom(row: Pick<Sender, "channel" | "fromName" | "fromEmail" | "smsSenderId">): string {
  if (row.channel === "sms") return row.smsSenderId ?? "";
  return row.fromEmail ? formatAddress({ email: row.fromEmail, name: row.fromName }) : "";
}

export function toSenderView(row: Sender, connection: ConnectionPart): SenderView {
  return {
    id: row.id,
    channel: row.channel,
    from: senderFrom(row),
    fromName: row.fromName,
    fromEmail: row.fromEmail,
    smsSenderId: row.smsSenderId,
    connectionId: row.connectionId,
    connectionName: connection?.name ?? null,
    connectionKind: connection?.kind ?? null,
    connectionStatus: connection?.status ?? null,
    ratePerSecond: Number(row.ratePerSecond),
    dailyCap: row.dailyCap,
    status: row.status,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
