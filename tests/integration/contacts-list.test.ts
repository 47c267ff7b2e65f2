import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, query } from "@/db";
import { contactPublicId } from "@/lib/audience/contacts/contact-id";
import { createContact } from "@/lib/audience/contacts/create-contact";
import { COUNT_CAP, listContacts } from "@/lib/audience/contacts/list-contacts";
import { CONTACT_SORTS, type ContactSort } from "@/lib/audience/contacts/schemas";
import { addToList } from "@/lib/audience/lists/membership";
import { createList } from "@/lib/audience/lists/create-list";
import { createSegment } from "@/lib/audience/segments/create-segment";
import type { Actor } from "@/lib/orgs/actor";
import { createOrgWithOwner } from "../fixtures/factories";
import { expectAppError } from "../fixtures/expect-error";

/**
 * `n` contacts in one statement: every third shares its creation time with its neighbours (the
 * id must break the tie), times differ by sub-millisecond steps (a cursor rounded to a JS Date
 * would skip rows), and every seventh has no e-mail (phone only).
 */
async function seed(orgId: string, n: number) {
  await db.execute(sql`
    INSERT INTO contacts (org_id, email, phone, first_name, last_name, tags, status, operator_code, created_at)
    SELECT ${orgId},
      CASE WHEN g % 7 = 0 THEN NULL ELSE 'c' || lpad(g::text, 6, '0') || 'x@example.test' END,
      CASE WHEN g % 2 = 0 OR g % 7 = 0 THEN '+7916' || lpad(g::text, 7, '0') END,
      CASE WHEN g % 10 = 0 THEN 'Zelda' ELSE 'Name' || g END,
      'Family',
      CASE WHEN g % 3 = 0 THEN ARRAY['vip', 'news'] WHEN g % 3 = 1 THEN ARRAY['news'] ELSE ARRAY[]::text[] END,
      (CASE WHEN g % 5 = 0 THEN 'unsubscribed' ELSE 'subscribed' END)::contact_status,
      CASE WHEN g % 2 = 0 THEN '916' END,
      timestamptz '2024-01-01 00:00:00+00' + ((g / 3) * 1001) * interval '1 microsecond'
    FROM generate_series(1, ${n}) AS g`);
}

const EXPECTED_ORDER: Record<ContactSort, string> = {
  newest: "created_at DESC, id DESC",
  oldest: "created_at ASC, id ASC",
  email_asc: "(email IS NULL), email ASC, id ASC",
  email_desc: "(email IS NULL), email DESC, id DESC",
};

async function expectedIds(orgId: string, sort: ContactSort, where = "TRUE") {
  const rows = await query<{ id: number | string }>(sql`SELECT id FROM contacts WHERE org_id = ${orgId} AND ${sql.raw(where)} ORDER BY ${sql.raw(EXPECTED_ORDER[sort])}`);
  return rows.map((r) => contactPublicId(Number(r.id)));
}

async function walk(actor: Actor, sort: ContactSort, limit: number, extra: Record<string, string> = {}) {
  const pages: string[][] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = await listContacts(actor, { ...extra, sort, cursor, limit });
    pages.push(page.rows.map((r) => r.id));
    cursors.push(page.prevCursor);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { pages, prevCursors: cursors };
}

describe("keyset pagination", () => {
  // Unfiltered pages walk the ordered index; a tag filter with few matches is read filter-first.
  const cases = CONTACT_SORTS.flatMap((sort) => [
    { sort, filter: {} as Record<string, string>, where: "TRUE", pages: 11 },
    { sort, filter: { tag: "news" }, where: "'news' = ANY(tags)", pages: 7 },
  ]);
  it.each(cases)("returns every contact exactly once, in order, forwards and backwards ($sort, $where)", async ({ sort, filter, where, pages: pageCount }) => {
    const { org, actor } = await createOrgWithOwner();
    await seed(org.id, 103);
    const expected = await expectedIds(org.id, sort, where);
    const { pages, prevCursors } = await walk(actor, sort, 10, filter);
    expect(pages.flat()).toEqual(expected);
    expect(pages).toHaveLength(pageCount);
    expect(prevCursors[0]).toBeNull();
    // Walking back with "Previous" from the last page gives the same pages.
    let cursor = prevCursors.at(-1)!;
    for (let i = pages.length - 2; i >= 0; i--) {
      const page = await listContacts(actor, { ...filter, sort, cursor, limit: 10 });
      expect(page.rows.map((r) => r.id)).toEqual(pages[i]);
      if (i === 0) expect(page.prevCursor).toBeNull();
      else cursor = page.prevCursor!;
    }
  });

  it("a malformed cursor, or one made for another sort, reads as the first page", async () => {
    const { org, actor } = await createOrgWithOwner();
    await seed(org.id, 30);
    const first = await listContacts(actor, { limit: 10 });
    const next = await listContacts(actor, { limit: 10, cursor: first.nextCursor! });
    expect((await listContacts(actor, { limit: 10, cursor: "garbage!!" })).rows).toEqual(first.rows);
    expect((await listContacts(actor, { limit: 10, sort: "email_asc", cursor: first.nextCursor! })).rows.map((r) => r.id)).toEqual((await expectedIds(org.id, "email_asc")).slice(0, 10));
    expect(next.rows[0].id).not.toBe(first.rows[0].id);
  });
});

describe("search and filters", () => {
  it("filters by search, status, tag, operator code, list and segment, with the count of the same filter", async () => {
    const { org, actor } = await createOrgWithOwner();
    await seed(org.id, 60);
    const ids = async (input: Record<string, string>) => (await listContacts(actor, { ...input, limit: 200 })).rows.map((r) => r.id).sort();
    const sqlIds = async (where: string) =>
      (await query<{ id: number | string }>(sql`SELECT id FROM contacts WHERE org_id = ${org.id} AND ${sql.raw(where)}`)).map((r) => contactPublicId(Number(r.id))).sort();

    expect(await ids({ q: "c000043x" })).toEqual(await sqlIds("email = 'c000043x@example.test'"));
    expect(await ids({ q: "c000043x" })).toHaveLength(1);
    expect(await ids({ q: "zelda" })).toEqual(await sqlIds("first_name = 'Zelda'"));
    expect(await ids({ q: "+79160000012" })).toEqual(await sqlIds("phone = '+79160000012'"));
    expect(await ids({ q: "100%_" })).toEqual([]);
    const short = await expectAppError(listContacts(actor, { q: "ze" }), "VALIDATION");
    expect(short.fields).toHaveProperty("q");
    expect(await ids({ status: "unsubscribed" })).toEqual(await sqlIds("status = 'unsubscribed'"));
    expect(await ids({ tag: "VIP" })).toEqual(await sqlIds("'vip' = ANY(tags)"));
    expect(await ids({ operatorCode: "916" })).toEqual(await sqlIds("operator_code = '916'"));
    expect(await ids({ tag: "vip", status: "subscribed", q: "family" })).toEqual(await sqlIds("'vip' = ANY(tags) AND status = 'subscribed'"));

    const list = await createList(actor, { name: "Newsletter" });
    await addToList(db, org.id, list.id, sql`SELECT id FROM contacts WHERE org_id = ${org.id} AND first_name = 'Zelda'`);
    expect(await ids({ listId: list.id })).toEqual(await sqlIds("first_name = 'Zelda'"));

    const segment = await createSegment(actor, { name: "VIPs", rules: { match: "all", rules: [{ field: "tag", op: "is", value: "vip" }] } });
    expect(await ids({ segmentId: segment.id })).toEqual(await sqlIds("'vip' = ANY(tags)"));

    const page = await listContacts(actor, { tag: "news", limit: 5 });
    expect(page.count).toEqual({ value: (await sqlIds("'news' = ANY(tags)")).length, capped: false });
  });

  it("another org's segment is NOT_FOUND; another org's list matches nobody", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    await seed(b.org.id, 5);
    const segment = await createSegment(a.actor, { name: "All", rules: { match: "all", rules: [] } });
    const list = await createList(a.actor, { name: "A list" });
    await expectAppError(listContacts(b.actor, { segmentId: segment.id }), "NOT_FOUND");
    expect((await listContacts(b.actor, { listId: list.id })).rows).toEqual([]);
  });

  it("counts up to the cap and says so beyond it", async () => {
    // Premium: 10,000+ contacts are past Hobby's contact limit.
    const { org, actor } = await createOrgWithOwner(undefined, { plan: "premium" });
    await seed(org.id, COUNT_CAP + 5);
    const page = await listContacts(actor, {});
    expect(page.count).toEqual({ value: COUNT_CAP, capped: true });
    expect(page.rows).toHaveLength(50);
    const created = await createContact(actor, { email: "fresh@example.test" });
    expect((await listContacts(actor, {})).rows[0].id).toBe(created.id);
  });
});
