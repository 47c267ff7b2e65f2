import type { ApiKey } from "@/db/schema";

/** What the dashboard shows of a key: never the token or its hash. */
export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  createdById: string | null;
  createdByName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export const toApiKeyView = (row: ApiKey, createdByName: string | null = null): ApiKeyView => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdById: row.createdById,
  createdByName,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  revokedAt: row.revokedAt,
});
