import { randomBytes } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, query } from "@/db";
import { contactEvents, contacts, lists, suppressions } from "@/db/schema";
import { bulkContacts } from "@/lib/audience/contacts/bulk-contacts";
import { changeContactStatus } from "@/lib/audience/contacts/change-contact-status";
import { createContact } from "@/lib/audience/contacts/create-contact";
import { deleteContact } from "@/lib/audience/contacts/delete-contact";
import { eraseContact } from "@/lib/audience/contacts/erase-contact";
import { exportContactData } from "@/lib/audience/contacts/export-contact-data";
import { getContact } from "@/lib/audience/contacts/get-contact";
import { updateContact } from "@/lib/audience/contacts/update-contact";
import { createList } from "@/lib/audience/lists/create-list";
import { addToList } from "@/lib/audience/lists/membership";
import type { Actor } from "@/lib/orgs/actor";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError } from "../fixtures/expect-error";

const email = () => `x-${randomBytes(5).toString("hex")}@example.test`;

/** Org A with two contacts in a list; org B with an owner, an admin and one contact of its own. */
async function twoOrgs() {
  const a = await createOrgWithOwner();
  const c1 = await createContact(a.actor, { email: email(), phone: "+79161234567", tags: ["a"] });
  const c2 = await createContact(a.actor, { email: email(), tags: ["a"] });
  const list = await createList(a.actor, { name: "A list" });
  await addToList(db, a.org.id, list.id, sql`SELECT id FROM contacts WHERE org_id = ${a.org.id}`);
  const b = await createOrgWithOwner();
  const bAdmin = await addMember(b.org.id, "admin");
  const bList = await createList(b.actor, { name: "B list" });
  await createContact(b.actor, { email: email() });
  return { a: { ...a, c1, c2, list }, b: { ...b, bAdmin, bList } };
}

type World = Awaited<ReturnType<typeof twoOrgs>>;

/** Everything of org A an operation could touch, for before/after comparison. */
async function stateOf(orgId: string) {
  return {
    contacts: await db.select().from(contacts).where(eq(contacts.orgId, orgId)).orderBy(asc(contacts.id)),
    events: await db.select().from(contactEvents).where(eq(contactEvents.orgId, orgId)).orderBy(asc(contactEvents.id)),
    lists: await db.select().from(lists).where(eq(lists.orgId, orgId)),
    members: await query(sql`SELECT list_id, contact_id, status FROM list_members WHERE org_id = ${orgId} ORDER BY contact_id`),
    suppressions: await db.select().from(suppressions).where(eq(suppressions.orgId, orgId)),
  };
}

const ops: { label: string; run: (actor: Actor, w: World) => Promise<unknown> }[] = [
  { label: "getContact", run: (actor, w) => getContact(actor, { id: w.a.c1.id }) },
  { label: "exportContactData", run: (actor, w) => exportContactData(actor, { id: w.a.c1.id }) },
  { label: "updateContact", run: (actor, w) => updateContact(actor, { id: w.a.c1.id, firstName: "Mallory" }) },
  { label: "updateContact status", run: (actor, w) => updateContact(actor, { id: w.a.c1.id, status: "unsubscribed" }) },
  { label: "changeContactStatus", run: (actor, w) => changeContactStatus(actor, { id: w.a.c1.id, status: "unsubscribed" }) },
  { label: "deleteContact", run: (actor, w) => deleteContact(actor, { id: w.a.c1.id }) },
  { label: "eraseContact", run: (actor, w) => eraseContact(actor, { id: w.a.c1.id }) },
  { label: "bulk tag", run: (actor, w) => bulkContacts(actor, { action: "tag", tag: "pwned", target: { ids: [w.a.c1.id, w.a.c2.id] } }) },
  { label: "bulk unsubscribe", run: (actor, w) => bulkContacts(actor, { action: "unsubscribe", target: { ids: [w.a.c1.id] } }) },
  { label: "bulk delete", run: (actor, w) => bulkContacts(actor, { action: "delete", target: { ids: [w.a.c1.id, w.a.c2.id] } }) },
  { label: "bulk add to own list", run: (actor, w) => bulkContacts(actor, { action: "add_to_list", listId: w.b.bList.id, target: { ids: [w.a.c1.id] } }) },
  { label: "bulk remove from A's list", run: (actor, w) => bulkContacts(actor, { action: "remove_from_list", listId: w.a.list.id, target: { ids: [w.a.c1.id] } }) },
];

describe("contacts across tenants", () => {
  it.each(ops)("B's owner and admin get NOT_FOUND for $label on A's contact, and A is unchanged", async ({ run }) => {
    const w = await twoOrgs();
    const before = await stateOf(w.a.org.id);
    await expectAppError(run(w.b.actor, w), "NOT_FOUND");
    await expectAppError(run(w.b.bAdmin.actor, w), "NOT_FOUND");
    expect(await stateOf(w.a.org.id)).toEqual(before);
  });

  it("B's bulk actions on a filter naming A's list never reach A's contacts", async () => {
    const w = await twoOrgs();
    const before = await stateOf(w.a.org.id);
    for (const action of ["tag", "untag", "unsubscribe", "delete"] as const) {
      const r = await bulkContacts(w.b.actor, { action, tag: "a", target: { filter: { listId: w.a.list.id } } });
      expect(r.affected).toBe(0);
    }
    await expectAppError(bulkContacts(w.b.actor, { action: "add_to_list", listId: w.a.list.id, target: { filter: {} } }), "NOT_FOUND");
    expect(await stateOf(w.a.org.id)).toEqual(before);
  });
});
