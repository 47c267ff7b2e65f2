import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { query } from "@/db";
import { encodeId } from "@/lib/ids";
import type { Actor } from "@/lib/orgs/actor";
import { addressHash } from "./address-hash";
import { suppressionFilterSchema, type SuppressionChannel, type SuppressionReason } from "./schemas";

export type SuppressionRow = {
  id: string;
  channel: SuppressionChannel;
  address: string | null;
  reason: SuppressionReason;
  source: string | null;
  createdAt: Date;
};

type Cursor = { at: string; id: number };

const PG_TIMESTAMP_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

// The cursor carries created_at as Postgres text: a JS Date would drop the microseconds, and rows
// written by one import share a timestamp, so a truncated cursor would skip or repeat them.
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.at, c.id])).toString("base64url");
function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof at !== "string" || !PG_TIMESTAMP_RE.test(at) || typeof id !== "number" || !Number.isSafeInteger(id)) return null;
    return { at, id };
  } catch {
    return null;
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * The org's suppression list, newest first, keyset-paginated. Any member may read it. A search
 * also matches the hash of the whole address typed, so an erased entry (whose address is gone)
 * can still be found by someone who knows the address.
 */
export async function listSuppressions(actor: Actor, input: z.input<typeof suppressionFilterSchema> = {}) {
  const f = suppressionFilterSchema.parse(input);
  const where: SQL[] = [sql`org_id = ${actor.orgId}`];
  if (f.channel) where.push(sql`channel = ${f.channel}`);
  if (f.reason) where.push(sql`reason = ${f.reason}`);
  if (f.q) {
    where.push(sql`(address ILIKE ${`%${escapeLike(f.q.toLowerCase())}%`} OR address_hash = ${addressHash(f.q)})`);
  }
  const cursor = decodeCursor(f.cursor);
  if (cursor) where.push(sql`(created_at, id) < (${cursor.at}::timestamptz, ${cursor.id})`);
  const rows = await query<{ id: number | string; channel: SuppressionChannel; address: string | null; reason: SuppressionReason; source: string | null; created_at: string | Date; at: string }>(
    sql`SELECT id, channel, address, reason, source, created_at, created_at::text AS at
        FROM suppressions
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY created_at DESC, id DESC
        LIMIT ${f.limit + 1}`,
  );
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(
      (r): SuppressionRow => ({ id: encodeId("sup", Number(r.id)), channel: r.channel, address: r.address, reason: r.reason, source: r.source, createdAt: new Date(r.created_at) }),
    ),
    nextCursor: rows.length > f.limit && last ? encodeCursor({ at: last.at, id: Number(last.id) }) : null,
  };
}
