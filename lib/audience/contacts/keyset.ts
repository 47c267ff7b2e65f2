import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { ContactSort } from "./schemas";

/**
 * Keyset pagination over the contacts table. Each sort is a sequence of segments, each read in
 * the order of one index, so every page is an index range scan whatever its depth:
 *  - newest/oldest: (created_at, id) on contacts_org_created_idx (forward or backward);
 *  - e-mail A–Z/Z–A: e-mail on the unique (org_id, email) index, then the contacts without an
 *    e-mail (phone only) by id, so they come last in both directions instead of being lost.
 */
export type KeyValue = string | number;
export type RowKeyFields = { id: number; email: string | null; cursorTs: string };

type Column = { expr: SQL; param: (v: KeyValue) => SQL; pick: (r: RowKeyFields) => KeyValue | null };
type Segment = { where: SQL | null; cols: Column[]; dir: "asc" | "desc"; nullsLastDesc: boolean };

const CREATED: Column = { expr: sql`contacts.created_at`, param: (v) => sql`${v}::timestamptz`, pick: (r) => r.cursorTs };
const ID: Column = { expr: sql`contacts.id`, param: (v) => sql`${v}::bigint`, pick: (r) => r.id };
const EMAIL: Column = { expr: sql`contacts.email`, param: (v) => sql`${v}::text`, pick: (r) => r.email };

const HAS_EMAIL = sql`contacts.email IS NOT NULL`;
const NO_EMAIL = sql`contacts.email IS NULL`;

// contacts_org_created_idx is (created_at DESC NULLS LAST, id DESC NULLS LAST): ORDER BY must spell
// the same NULLS placement or the planner will not read the index in order.
const SEGMENTS: Record<ContactSort, Segment[]> = {
  newest: [{ where: null, cols: [CREATED, ID], dir: "desc", nullsLastDesc: true }],
  oldest: [{ where: null, cols: [CREATED, ID], dir: "asc", nullsLastDesc: true }],
  email_asc: [
    { where: HAS_EMAIL, cols: [EMAIL], dir: "asc", nullsLastDesc: false },
    { where: NO_EMAIL, cols: [ID], dir: "asc", nullsLastDesc: false },
  ],
  email_desc: [
    { where: HAS_EMAIL, cols: [EMAIL], dir: "desc", nullsLastDesc: false },
    { where: NO_EMAIL, cols: [ID], dir: "desc", nullsLastDesc: false },
  ],
};

export type Direction = "after" | "before";
export type Cursor = { sort: ContactSort; dir: Direction; seg: number; key: KeyValue[] };

const cursorJson = z.object({ s: z.string(), d: z.enum(["a", "b"]), g: z.number().int().min(0).max(1), k: z.array(z.union([z.string().max(400), z.number()])).min(1).max(2) });

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify({ s: c.sort, d: c.dir === "after" ? "a" : "b", g: c.seg, k: c.key })).toString("base64url");
}

/** A cursor from a URL. Anything malformed, or made for another sort, reads as "first page". */
export function decodeCursor(value: string | undefined, sort: ContactSort): Cursor | null {
  if (!value) return null;
  try {
    const parsed = cursorJson.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.s !== sort) return null;
    const seg = SEGMENTS[sort][parsed.data.g];
    if (!seg || seg.cols.length !== parsed.data.k.length) return null;
    return { sort, dir: parsed.data.d === "a" ? "after" : "before", seg: parsed.data.g, key: parsed.data.k };
  } catch {
    return null;
  }
}

export const segmentCount = (sort: ContactSort) => SEGMENTS[sort].length;

export function rowCursor(sort: ContactSort, seg: number, row: RowKeyFields, dir: Direction): string {
  const key = SEGMENTS[sort][seg].cols.map((c) => c.pick(row) as KeyValue);
  return encodeCursor({ sort, dir, seg, key });
}

/**
 * The WHERE addition and ORDER BY for reading segment `seg` of `sort`, forwards (`reverse` false)
 * or backwards, starting strictly past `key` when given.
 */
export function segmentQuery(sort: ContactSort, seg: number, key: KeyValue[] | null, reverse: boolean): { where: SQL; orderBy: SQL } {
  const s = SEGMENTS[sort][seg];
  const asc = (s.dir === "asc") !== reverse;
  const parts: SQL[] = [];
  if (s.where) parts.push(s.where);
  if (key) {
    const lhs = sql.join(
      s.cols.map((c) => c.expr),
      sql`, `,
    );
    const rhs = sql.join(
      s.cols.map((c, i) => c.param(key[i])),
      sql`, `,
    );
    parts.push(asc ? sql`(${lhs}) > (${rhs})` : sql`(${lhs}) < (${rhs})`);
  }
  const direction = s.nullsLastDesc ? (asc ? sql.raw("ASC NULLS FIRST") : sql.raw("DESC NULLS LAST")) : asc ? sql.raw("ASC") : sql.raw("DESC");
  const orderBy = sql.join(
    s.cols.map((c) => sql`${c.expr} ${direction}`),
    sql`, `,
  );
  return { where: parts.length ? sql.join(parts, sql` AND `) : sql`TRUE`, orderBy };
}
