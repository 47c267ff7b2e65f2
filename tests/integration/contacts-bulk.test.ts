import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, query } from "@/db";
import { contactEvents, contacts, suppressions } from "@/db/schema";
import { bulkContacts } from "@/lib/audience/contacts/bulk-contacts";
import { createContact } from "@/lib/audience/contacts/create-contact";
import type { ContactView } from "@/lib/audience/contacts/contact-view";
import { createList } from "@/lib/audience/lists/create-list";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";

const email = () => `b-${randomBytes(5).toString("hex")}@example.test`;

/** Six contacts: three tagged "warm", three "cold"; the first has a phone. */
async function world() {
  const o = await createOrgWithOwner();
  const people: ContactView[] = [];
  for (let i = 0; i < 6; i++) {
    people.push(await createContact(o.actor, { email: email(), phone: i === 0 ? "+79161234567" : null, tags: i < 3 ? ["warm"] : ["cold"] }));
  }
  return { ...o, people };
}

const tagsOf = async (orgId: string): Promise<Record<string, string[]>> =>
  Object.fromEntries((await db.select({ id: contacts.id, email: contacts.email, tags: contacts.tags }).from(contacts).where(eq(contacts.orgId, orgId))).map((r) => [r.email, r.tags]));

/** A list's stored count must equal its real number of members. */
async function expectCountsRight(orgId: string) {
  const rows = await query<{ stored: number; real: number }>(
    sql`SELECT l.member_count AS stored, (SELECT count(*)::int FROM list_members m WHERE m.list_id = l.id) AS real FROM lists l WHERE l.org_id = ${orgId}`,
  );
  for (const r of rows) expect(r.stored).toBe(r.real);
  return rows;
}

const targets = {
  selection: (w: Awaited<ReturnType<typeof world>>) => ({ ids: w.people.slice(0, 3).map((p) => p.id) }),
  filter: () => ({ filter: { tag: "warm" } }),
};

describe.each(Object.keys(targets) as (keyof typeof targets)[])("bulk actions on a %s", (kind) => {
  const target = (w: Awaited<ReturnType<typeof world>>) => targets[kind](w);

  it("tag and untag touch only the target and only once", async () => {
    const w = await world();
    expect(await bulkContacts(w.actor, { action: "tag", tag: " Promo ", target: target(w) })).toEqual({ action: "tag", affected: 3 });
    expect(await bulkContacts(w.actor, { action: "tag", tag: "promo", target: target(w) })).toEqual({ action: "tag", affected: 0 });
    const tags = await tagsOf(w.org.id);
    for (const [i, p] of w.people.entries()) expect(tags[p.email!]).toEqual(i < 3 ? ["warm", "promo"] : ["cold"]);
    expect((await bulkContacts(w.actor, { action: "untag", tag: "promo", target: target(w) })).affected).toBe(3);
    for (const [i, p] of w.people.entries()) expect((await tagsOf(w.org.id))[p.email!]).toEqual(i < 3 ? ["warm"] : ["cold"]);
  });

  it("add to and remove from a list keep its count right", async () => {
    const w = await world();
    const list = await createList(w.actor, { name: "Leads" });
    expect((await bulkContacts(w.actor, { action: "add_to_list", listId: list.id, target: target(w) })).affected).toBe(3);
    expect((await bulkContacts(w.actor, { action: "add_to_list", listId: list.id, target: { ids: [w.people[0].id, w.people[5].id] } })).affected).toBe(1);
    expect((await expectCountsRight(w.org.id))[0].stored).toBe(4);
    expect((await bulkContacts(w.actor, { action: "remove_from_list", listId: list.id, target: target(w) })).affected).toBe(3);
    expect((await expectCountsRight(w.org.id))[0].stored).toBe(1);
  });

  it("unsubscribe writes history and suppressions for every address in the target", async () => {
    const w = await world();
    expect((await bulkContacts(w.actor, { action: "unsubscribe", target: target(w) })).affected).toBe(3);
    const statuses = await db.select({ email: contacts.email, status: contacts.status }).from(contacts).where(eq(contacts.orgId, w.org.id));
    for (const s of statuses) expect(s.status).toBe(w.people.slice(0, 3).some((p) => p.email === s.email) ? "unsubscribed" : "subscribed");
    const events = await db.select().from(contactEvents).where(eq(contactEvents.orgId, w.org.id));
    expect(events.filter((e) => e.kind === "status_changed")).toHaveLength(3);
    const sup = await db.select().from(suppressions).where(eq(suppressions.orgId, w.org.id));
    expect(sup.map((s) => s.address).sort()).toEqual([...w.people.slice(0, 3).map((p) => p.email), "+79161234567"].sort());
    expect(sup.every((s) => s.reason === "unsubscribed")).toBe(true);
  });

  it("delete (admin) removes the target and lowers list counts", async () => {
    const w = await world();
    const list = await createList(w.actor, { name: "Everyone" });
    await bulkContacts(w.actor, { action: "add_to_list", listId: list.id, target: { filter: {} } });
    const member = await addMember(w.org.id, "member");
    await expectAppError(bulkContacts(member.actor, { action: "delete", target: target(w) }), "FORBIDDEN");
    expect(await db.select().from(contacts).where(eq(contacts.orgId, w.org.id))).toHaveLength(6);
    expect((await bulkContacts(w.actor, { action: "delete", target: target(w) })).affected).toBe(3);
    const left = await db.select({ email: contacts.email }).from(contacts).where(eq(contacts.orgId, w.org.id));
    expect(left.map((l) => l.email).sort()).toEqual(w.people.slice(3).map((p) => p.email).sort());
    expect((await expectCountsRight(w.org.id))[0].stored).toBe(3);
  });
});

describe("bulk action input", () => {
  it("needs a tag, a list, a known action and a non-empty selection", async () => {
    const w = await world();
    const ids = [w.people[0].id];
    await expectFieldError(bulkContacts(w.actor, { action: "tag", target: { ids } }), "tag");
    await expectFieldError(bulkContacts(w.actor, { action: "add_to_list", target: { ids } }), "listId");
    await expectFieldError(bulkContacts(w.actor, { action: "explode" as never, target: { ids } }), "action");
    await expectAppError(bulkContacts(w.actor, { action: "tag", tag: "a,b", target: { ids } }), "VALIDATION");
    await expectFieldError(bulkContacts(w.actor, { action: "tag", tag: "x", target: { ids: [] } }), "target.ids");
    await expectAppError(bulkContacts(w.actor, { action: "add_to_list", listId: "lst_doesnotexist00", target: { ids } }), "NOT_FOUND");
  });

  it("the whole filter means the whole filter: an empty filter tags every contact of the org and no other", async () => {
    const w = await world();
    const other = await world();
    expect((await bulkContacts(w.actor, { action: "tag", tag: "all", target: { filter: {} } })).affected).toBe(6);
    expect(Object.values(await tagsOf(other.org.id)).some((t) => t.includes("all"))).toBe(false);
  });

  it("a selection naming one unknown id changes nothing", async () => {
    const w = await world();
    await expectAppError(bulkContacts(w.actor, { action: "tag", tag: "x", target: { ids: [w.people[0].id, "ct_zzzzzzzz"] } }), "NOT_FOUND");
    expect(Object.values(await tagsOf(w.org.id)).some((t) => t.includes("x"))).toBe(false);
  });
});

