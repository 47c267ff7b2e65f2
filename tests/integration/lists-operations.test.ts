import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { contacts, listMembers, lists } from "@/db/schema";
import { addListMembers } from "@/lib/audience/lists/add-list-members";
import { createList } from "@/lib/audience/lists/create-list";
import { deleteList } from "@/lib/audience/lists/delete-list";
import { getList, MEMBERS_PAGE_SIZE } from "@/lib/audience/lists/get-list";
import { listLists } from "@/lib/audience/lists/list-lists";
import { releaseMemberships } from "@/lib/audience/lists/membership";
import { removeListMembers } from "@/lib/audience/lists/remove-list-members";
import { updateList } from "@/lib/audience/lists/update-list";
import { encodeId } from "@/lib/ids";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";

let seq = 0;
async function orgWithContacts(n: number) {
  const { org, actor } = await createOrgWithOwner();
  const tag = `o${++seq}`;
  const rows = n
    ? await db
        .insert(contacts)
        .values(Array.from({ length: n }, (_, i) => ({ orgId: org.id, email: `${tag}-${i}@example.test` })))
        .returning()
    : [];
  return { org, actor, contacts: rows, email: (i: number) => `${tag}-${i}@example.test` };
}

/** The stored count and the real number of rows, which must always agree. */
async function counts(listId: string) {
  const [row] = await db.select({ stored: lists.memberCount }).from(lists).where(eq(lists.id, listId));
  const real = await db.$count(listMembers, eq(listMembers.listId, listId));
  return { stored: row?.stored, real };
}

describe("lists", () => {
  it("creates a list with a random public token, renames it and lists it with its count", async () => {
    const { actor } = await orgWithContacts(0);
    const list = await createList(actor, { name: " Newsletter ", description: "Monthly news", doubleOptIn: "on" });
    const other = await createList(actor, { name: "Customers", doubleOptIn: false });
    expect(list.name).toBe("Newsletter");
    expect(list.doubleOptIn).toBe(true);
    expect(other.doubleOptIn).toBe(false);
    expect(list.publicToken).toMatch(/^[A-Za-z0-9_-]{30,}$/);
    expect(list.publicToken).not.toBe(other.publicToken);

    const renamed = await updateList(actor, { listId: list.id, name: "Weekly", doubleOptIn: "false" });
    expect([renamed.name, renamed.description, renamed.doubleOptIn, renamed.publicToken]).toEqual(["Weekly", "Monthly news", false, list.publicToken]);
    expect((await listLists(actor)).map((l) => [l.name, l.memberCount])).toEqual([
      ["Customers", 0],
      ["Weekly", 0],
    ]);
  });

  it("keeps names unique per org and refuses bad input beside the field", async () => {
    const { actor } = await orgWithContacts(0);
    const a = await createList(actor, { name: "Newsletter" });
    expect((await expectAppError(createList(actor, { name: "Newsletter" }), "CONFLICT")).fields?.name).toMatch(/already/);
    const b = await createList(actor, { name: "B" });
    await expectAppError(updateList(actor, { listId: b.id, name: "Newsletter" }), "CONFLICT");
    await expectFieldError(createList(actor, { name: "  " }), "name");
    await expectFieldError(createList(actor, { name: "x".repeat(101) }), "name");
    await expectFieldError(addListMembers(actor, { listId: a.id, emails: " ,; " }), "emails");
    const other = await orgWithContacts(0);
    await createList(other.actor, { name: "Newsletter" });
  });

  it("adds members by e-mail, reports the unknown ones, and keeps the count right", async () => {
    const { actor, email } = await orgWithContacts(5);
    const list = await createList(actor, { name: "L" });
    const r = await addListMembers(actor, { listId: list.id, emails: `${email(0)}\n${email(1).toUpperCase()}, nobody@example.test; ${email(0)}` });
    expect(r).toEqual({ added: 2, alreadyMembers: 0, notFound: ["nobody@example.test"] });
    const again = await addListMembers(actor, { listId: list.id, emails: `${email(1)} ${email(2)}` });
    expect(again).toEqual({ added: 1, alreadyMembers: 1, notFound: [] });
    expect(await counts(list.id)).toEqual({ stored: 3, real: 3 });
  });

  it("does not add another org's contacts by their address", async () => {
    const a = await orgWithContacts(2);
    const b = await orgWithContacts(0);
    const list = await createList(b.actor, { name: "L" });
    const r = await addListMembers(b.actor, { listId: list.id, emails: a.email(0) });
    expect(r).toEqual({ added: 0, alreadyMembers: 0, notFound: [a.email(0)] });
    expect(await counts(list.id)).toEqual({ stored: 0, real: 0 });
  });

  it("removes members and keeps counts right through removal and contact deletion", async () => {
    const { org, actor, contacts: cs, email } = await orgWithContacts(4);
    const l1 = await createList(actor, { name: "One" });
    const l2 = await createList(actor, { name: "Two" });
    await addListMembers(actor, { listId: l1.id, emails: [0, 1, 2, 3].map(email).join("\n") });
    await addListMembers(actor, { listId: l2.id, emails: [1, 2].map(email).join("\n") });

    const removed = await removeListMembers(actor, { listId: l1.id, contactIds: [encodeId("ct", cs[0].id), encodeId("ct", cs[0].id), "ct_zzzzzzz", "junk"] });
    expect(removed).toEqual({ removed: 1 });
    expect(await counts(l1.id)).toEqual({ stored: 3, real: 3 });

    // Deleting contacts: release the memberships first (one statement), then delete.
    const gone = sql`SELECT id FROM contacts WHERE org_id = ${org.id} AND id IN (${cs[1].id}, ${cs[3].id})`;
    await db.transaction(async (tx) => {
      await releaseMemberships(tx, org.id, gone);
      await tx.delete(contacts).where(inArray(contacts.id, [cs[1].id, cs[3].id]));
    });
    expect(await counts(l1.id)).toEqual({ stored: 1, real: 1 });
    expect(await counts(l2.id)).toEqual({ stored: 1, real: 1 });
  });

  it("pages members 50 at a time by contact id", async () => {
    const { actor, email } = await orgWithContacts(MEMBERS_PAGE_SIZE + 7);
    const list = await createList(actor, { name: "Big" });
    await addListMembers(actor, { listId: list.id, emails: Array.from({ length: MEMBERS_PAGE_SIZE + 7 }, (_, i) => email(i)).join(" ") });
    const first = await getList(actor, { listId: list.id });
    expect(first.list.memberCount).toBe(MEMBERS_PAGE_SIZE + 7);
    expect(first.members).toHaveLength(MEMBERS_PAGE_SIZE);
    expect(first.nextCursor).toBe(first.members.at(-1)!.id);
    const second = await getList(actor, { listId: list.id, after: first.nextCursor! });
    expect(second.members).toHaveLength(7);
    expect(second.nextCursor).toBeNull();
    const all = [...first.members, ...second.members].map((m) => m.email);
    expect(new Set(all).size).toBe(MEMBERS_PAGE_SIZE + 7);
  });

  it("deletes a list with its memberships but keeps the contacts; a member may do it", async () => {
    const { org, actor, email } = await orgWithContacts(2);
    const { actor: member } = await addMember(org.id, "member");
    const list = await createList(member, { name: "Temp" });
    await addListMembers(actor, { listId: list.id, emails: `${email(0)} ${email(1)}` });
    await deleteList(member, { listId: list.id });
    await expectAppError(getList(actor, { listId: list.id }), "NOT_FOUND");
    expect(await db.$count(listMembers, eq(listMembers.listId, list.id))).toBe(0);
    expect(await db.$count(contacts, eq(contacts.orgId, org.id))).toBe(2);
  });

  it("refuses another org's list everywhere and changes nothing", async () => {
    const a = await orgWithContacts(2);
    const b = await orgWithContacts(2);
    const list = await createList(a.actor, { name: "A's list", doubleOptIn: true });
    await addListMembers(a.actor, { listId: list.id, emails: a.email(0) });

    await expectAppError(getList(b.actor, { listId: list.id }), "NOT_FOUND");
    await expectAppError(updateList(b.actor, { listId: list.id, name: "Mine now", doubleOptIn: false }), "NOT_FOUND");
    await expectAppError(deleteList(b.actor, { listId: list.id }), "NOT_FOUND");
    await expectAppError(addListMembers(b.actor, { listId: list.id, emails: b.email(0) }), "NOT_FOUND");
    await expectAppError(removeListMembers(b.actor, { listId: list.id, contactIds: [encodeId("ct", a.contacts[0].id)] }), "NOT_FOUND");
    expect(await listLists(b.actor)).toEqual([]);

    const [still] = await db.select().from(lists).where(eq(lists.id, list.id));
    expect([still.name, still.doubleOptIn]).toEqual(["A's list", true]);
    expect(await counts(list.id)).toEqual({ stored: 1, real: 1 });

    // B's own list cannot take A's contact by id either.
    const bList = await createList(b.actor, { name: "B's" });
    await addListMembers(b.actor, { listId: bList.id, emails: b.email(0) });
    expect(await removeListMembers(b.actor, { listId: bList.id, contactIds: [encodeId("ct", a.contacts[0].id)] })).toEqual({ removed: 0 });
    expect(await counts(list.id)).toEqual({ stored: 1, real: 1 });
  });
});
