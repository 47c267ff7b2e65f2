import { sql } from "drizzle-orm";
import { query } from "@/db";
import { hashApiToken, looksLikeApiToken } from "./token";

export type ApiKeyPrincipal = { keyId: string; orgId: string; createdById: string | null };

/**
 * The live key for a bearer token, or null. One statement finds the key by its hash and, at most
 * once a minute per key, stamps last_used_at: the stamp is for people ("last used 3 minutes ago"),
 * so a busy key must not turn every request into a row write.
 */
export async function authenticateApiKey(token: string): Promise<ApiKeyPrincipal | null> {
  if (!looksLikeApiToken(token)) return null;
  const [row] = await query<{ id: string; org_id: string; created_by_id: string | null }>(
    sql`WITH k AS (
          SELECT id, org_id, created_by_id, last_used_at FROM api_keys
          WHERE token_hash = ${hashApiToken(token)} AND revoked_at IS NULL
        ), touched AS (
          UPDATE api_keys SET last_used_at = now()
          FROM k
          WHERE api_keys.id = k.id AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute')
          RETURNING api_keys.id
        )
        SELECT id, org_id, created_by_id FROM k`,
  );
  return row ? { keyId: row.id, orgId: row.org_id, createdById: row.created_by_id } : null;
}
