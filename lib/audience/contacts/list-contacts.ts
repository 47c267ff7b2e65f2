import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { db, query } from "@/db";
import { contacts } from "@/db/schema";
import { loadSegmentCondition } from "@/lib/audience/segments/load-segment-condition";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { contactPublicId } from "./contact-id";
import { contactFilterSql, type ContactFilter } from "./filter";
import { decodeCursor, rowCursor, segmentCount, segmentQuery, type Cursor } from "./keyset";
import { listContactsSchema, type ContactSort } from "./schemas";

/** Counting stops here: an exact count of a million rows costs more than the page itself. */
export const COUNT_CAP = 10_000;
export const MIN_SEARCH = 3;

/**
 * Filters an index can answer on its own (trigram search, GIN tags, (org_id, status), the list
 * members key). With one of them and few matches, the page is read filter-first. Operator code
 * has no index, and a segment compiles to anything: those walk the newest-first index instead.
 */
const INDEXED_FILTERS = ["q", "tag", "status", "listId", "operatorCode"] as const;

// Plain SQL over the alias `contacts`, so the same select list reads the table or a subquery of it.
const columns = {
  id: sql`contacts.id`.mapWith(contacts.id),
  email: sql`contacts.email`.mapWith(contacts.email),
  phone: sql`contacts.phone`.mapWith(contacts.phone),
  firstName: sql`contacts.first_name`.mapWith(contacts.firstName),
  lastName: sql`contacts.last_name`.mapWith(contacts.lastName),
  status: sql`contacts.status`.mapWith(contacts.status),
  tags: sql`contacts.tags`.mapWith(contacts.tags),
  operatorCode: sql`contacts.operator_code`.mapWith(contacts.operatorCode),
  createdAt: sql`contacts.created_at`.mapWith(contacts.createdAt),
  // Microsecond precision: a JS Date would round the key and skip or repeat rows at page edges.
  cursorTs: sql<string>`to_char(contacts.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

type Row = Awaited<ReturnType<typeof readSegment>>[number];

/**
 * `filterFirst`: when the count says few contacts match, evaluate the filter on its own (an
 * unflattened subquery, planned for all its rows) and sort what it finds. Otherwise the planner,
 * seeing ORDER BY ... LIMIT, walks contacts_org_created_idx hoping to meet matches early, and a
 * rare tag or search then reads the whole org before giving up.
 */
function readSegment(where: SQL, sort: ContactSort, seg: number, key: Cursor["key"] | null, reverse: boolean, limit: number, filterFirst: boolean) {
  const q = segmentQuery(sort, seg, key, reverse);
  if (filterFirst) {
    const matching = sql`(SELECT * FROM contacts WHERE ${where} OFFSET 0) AS contacts`;
    return db.select(columns).from(matching).where(q.where).orderBy(q.orderBy).limit(limit);
  }
  return db.select(columns).from(contacts).where(sql`${where} AND ${q.where}`).orderBy(q.orderBy).limit(limit);
}

type Page = { rows: { seg: number; row: Row }[]; nextCursor: string | null; prevCursor: string | null };

async function readPage(where: SQL, sort: ContactSort, cursor: Cursor | null, limit: number, filterFirst: boolean): Promise<Page> {
  const want = limit + 1;
  const got: { seg: number; row: Row }[] = [];
  if (!cursor || cursor.dir === "after") {
    const start = cursor?.seg ?? 0;
    for (let g = start; g < segmentCount(sort) && got.length < want; g++) {
      const rows = await readSegment(where, sort, g, cursor && g === start ? cursor.key : null, false, want - got.length, filterFirst);
      got.push(...rows.map((row) => ({ seg: g, row })));
    }
    const rows = got.slice(0, limit);
    const first = rows[0];
    const last = rows[rows.length - 1];
    return {
      rows,
      nextCursor: got.length > limit ? rowCursor(sort, last.seg, last.row, "after") : null,
      prevCursor: cursor && first ? rowCursor(sort, first.seg, first.row, "before") : null,
    };
  }
  for (let g = cursor.seg; g >= 0 && got.length < want; g--) {
    const rows = await readSegment(where, sort, g, g === cursor.seg ? cursor.key : null, true, want - got.length, filterFirst);
    got.push(...rows.map((row) => ({ seg: g, row })));
  }
  // Back at the start: serve the real first page, full even if rows before the cursor went away.
  if (got.length <= limit) return readPage(where, sort, null, limit, filterFirst);
  const rows = got.slice(0, limit).reverse();
  return {
    rows,
    prevCursor: rowCursor(sort, rows[0].seg, rows[0].row, "before"),
    nextCursor: rowCursor(sort, rows[rows.length - 1].seg, rows[rows.length - 1].row, "after"),
  };
}

async function countCapped(where: SQL) {
  const [row] = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM contacts WHERE ${where} LIMIT ${COUNT_CAP + 1}) t`);
  const n = row?.n ?? 0;
  return { value: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/** The filter's WHERE over `contacts`, with the segment's compiled condition when it names one. */
export async function resolveFilterSql(orgId: string, filter: ContactFilter): Promise<SQL> {
  const segment = filter.segmentId ? await loadSegmentCondition(orgId, filter.segmentId) : undefined;
  return contactFilterSql(orgId, filter, segment);
}

/**
 * A page of the contacts table: the filter (search, status, tag, list, operator code, segment),
 * one of four sorts, keyset pagination by an opaque cursor (page `n` costs the same as page 1),
 * and a count that stops at COUNT_CAP ("10,000+").
 */
export async function listContacts(actor: Actor, input: z.input<typeof listContactsSchema>) {
  const { sort, cursor: rawCursor, limit, ...filter } = listContactsSchema.parse(input);
  // Trigrams need 3 characters: a shorter search cannot use contacts_search_idx and reads the whole org.
  if (filter.q && filter.q.length < MIN_SEARCH) throw new AppError("VALIDATION", `Search needs at least ${MIN_SEARCH} characters.`, { q: `Type at least ${MIN_SEARCH} characters.` });
  const indexed = INDEXED_FILTERS.some((k) => filter[k]);
  const where = await resolveFilterSql(actor.orgId, filter);
  // The capped count runs first: it is cheap either way, and it tells which page plan fits.
  const count = await countCapped(where);
  const page: Page = count.value === 0 ? { rows: [], nextCursor: null, prevCursor: null } : await readPage(where, sort, decodeCursor(rawCursor, sort), limit, indexed && !count.capped);
  return {
    rows: page.rows.map(({ row: r }) => ({
      id: contactPublicId(r.id),
      email: r.email,
      phone: r.phone,
      firstName: r.firstName,
      lastName: r.lastName,
      status: r.status,
      tags: r.tags,
      operatorCode: r.operatorCode,
      createdAt: r.createdAt,
    })),
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor,
    count,
    sort,
  };
}

export type ContactListPage = Awaited<ReturnType<typeof listContacts>>;
export type ContactListRow = ContactListPage["rows"][number];
