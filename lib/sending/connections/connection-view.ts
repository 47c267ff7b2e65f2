import type { ProviderConnection } from "@/db/schema";
import { KIND_CHANNELS } from "@/lib/sending/providers/provider-for-connection";
import { KIND_LABELS, SECRET_FIELDS } from "./schemas";

/**
 * A connection as the dashboard sees it: never its secrets, only which ones are set, so the form
 * can show "••••" with a "replace" field.
 */
export type ConnectionView = {
  id: string;
  name: string;
  kind: ProviderConnection["kind"];
  kindLabel: string;
  channels: readonly ("email" | "sms")[];
  config: Record<string, string | number | boolean>;
  secretsSet: string[];
  status: ProviderConnection["status"];
  lastError: string | null;
  lastTestedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toConnectionView(row: ProviderConnection): ConnectionView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    kindLabel: KIND_LABELS[row.kind],
    channels: KIND_CHANNELS[row.kind],
    config: { ...row.config },
    // Every secret of the kind is stored together, so "sealed" means each of them is set.
    secretsSet: row.secretsEnc ? [...SECRET_FIELDS[row.kind]] : [],
    status: row.status,
    lastError: row.lastError,
    lastTestedAt: row.lastTestedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
