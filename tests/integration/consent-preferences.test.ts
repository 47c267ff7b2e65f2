import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { contactEvents, contacts, listMembers, lists, suppressions } from "@/db/schema";
import { addToList } from "@/lib/audience/lists/membership";
import { signContactToken } from "@/lib/audience/consent/contact-token";
import { getPreferences } from "@/lib/audience/consent/get-preferences";
import { unsubscribeEverywhere } from "@/lib/audience/consent/unsubscribe-everywhere";
import { updatePreferences } from "@/lib/audience/consent/update-preferences";
import { addressHash } from "@/lib/audience/suppressions/address-hash";
import { isSuppressed } from "@/lib/audience/suppressions/suppressed-filter";
import { randomToken } from "@/lib/crypto";
import { createOrgWithOwner } from "../fixtures/factories";
import { expectAppError } from "../fixtures/expect-error";

const tag = () => randomBytes(4).toString("hex");

/** A contact on three lists (one of them pending), plus another contact on the first list. */
async function setup() {
  const { org } = await createOrgWithOwner();
  const made = [];
  for (const name of ["Alpha", "Beta", "Gamma"]) {
    const [l] = await db.insert(lists).values({ orgId: org.id, name: `${name} ${tag()}`, publicToken: randomToken() }).returning();
    made.push(l);
  }
  const [alpha, beta, gamma] = made;
  const email = `pref-${tag()}@example.test`;
  const [contact] = await db.insert(contacts).values({ orgId: org.id, email, phone: "+442079460123", status: "subscribed" }).returning();
  const [other] = await db.insert(contacts).values({ orgId: org.id, email: `other-${tag()}@example.test` }).returning();
  const one = (id: number) => sql`SELECT ${id}::bigint`;
  await addToList(db, org.id, alpha.id, one(contact.id));
  await addToList(db, org.id, beta.id, one(contact.id));
  await addToList(db, org.id, gamma.id, one(contact.id), "pending");
  await addToList(db, org.id, alpha.id, one(other.id));
  const token = signContactToken({ orgId: org.id, contactId: contact.id, purpose: "preferences" });
  return { org, alpha, beta, gamma, contact, other, token };
}

const counts = async (...ids: string[]) => {
  const out: number[] = [];
  for (const id of ids) out.push((await db.select({ n: lists.memberCount }).from(lists).where(eq(lists.id, id)))[0].n);
  return out;
};

describe("preference centre", () => {
  it("shows the contact's lists with a masked address", async () => {
    const { org, alpha, beta, gamma, token } = await setup();
    const view = await getPreferences(token);
    expect(view).toMatchObject({ orgName: org.name, status: "subscribed", phone: "•••123" });
    expect(view.email).toMatch(/^p•••@example\.test$/);
    expect(view.lists.map((l) => [l.id, l.status]).sort()).toEqual(
      [
        [alpha.id, "subscribed"],
        [beta.id, "subscribed"],
        [gamma.id, "pending"],
      ].sort(),
    );
  });

  it("leaves the unticked lists only, keeping member counts right", async () => {
    const { alpha, beta, gamma, contact, other, token } = await setup();
    expect(await counts(alpha.id, beta.id, gamma.id)).toEqual([2, 1, 1]);
    const r = await updatePreferences(token, { shown: [alpha.id, beta.id], keep: [beta.id] });
    expect(r.left).toEqual([alpha.name]);
    expect(await counts(alpha.id, beta.id, gamma.id)).toEqual([1, 1, 1]);
    expect((await getPreferences(token)).lists.map((l) => l.id).sort()).toEqual([beta.id, gamma.id].sort());
    // The other contact is still on Alpha, and the person stays subscribed.
    expect(await db.select().from(listMembers).where(eq(listMembers.listId, alpha.id))).toMatchObject([{ contactId: other.id }]);
    expect((await db.select().from(contacts).where(eq(contacts.id, contact.id)))[0].status).toBe("subscribed");
    const events = await db.select().from(contactEvents).where(eq(contactEvents.contactId, contact.id));
    expect(events.map((e) => e.kind)).toEqual(["list_left"]);
    // Submitting the same form again changes nothing more.
    await updatePreferences(token, { shown: [alpha.id, beta.id], keep: [beta.id] });
    expect(await counts(alpha.id, beta.id, gamma.id)).toEqual([1, 1, 1]);
  });

  it("ignores list ids that are not the contact's (another org's list stays whole)", async () => {
    const { token } = await setup();
    const b = await setup();
    const before = await counts(b.alpha.id);
    await updatePreferences(token, { shown: [b.alpha.id], keep: [] });
    expect(await counts(b.alpha.id)).toEqual(before);
  });

  it("unsubscribes from everything: status, suppressions for e-mail and phone, lists, history", async () => {
    const { org, alpha, beta, gamma, contact, token } = await setup();
    await unsubscribeEverywhere(token);
    const [after] = await db.select().from(contacts).where(eq(contacts.id, contact.id));
    expect(after).toMatchObject({ status: "unsubscribed", statusReason: "preference-centre" });
    expect(await isSuppressed(org.id, "email", contact.email!)).toBe(true);
    expect(await isSuppressed(org.id, "sms", contact.phone!)).toBe(true);
    const rows = await db.select().from(suppressions).where(eq(suppressions.orgId, org.id));
    expect(rows.map((s) => [s.channel, s.reason, s.addressHash]).sort()).toEqual(
      [
        ["email", "unsubscribed", addressHash(contact.email!)],
        ["sms", "unsubscribed", addressHash(contact.phone!)],
      ].sort(),
    );
    expect(await db.select().from(listMembers).where(eq(listMembers.contactId, contact.id))).toHaveLength(0);
    expect(await counts(alpha.id, beta.id, gamma.id)).toEqual([1, 0, 0]);
    const events = await db.select().from(contactEvents).where(eq(contactEvents.contactId, contact.id));
    expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([["unsubscribed", "subscribed", "unsubscribed"]]);
    expect((await getPreferences(token)).status).toBe("unsubscribed");

    // Twice: nothing more.
    await unsubscribeEverywhere(token);
    expect(await db.select().from(suppressions).where(eq(suppressions.orgId, org.id))).toHaveLength(2);
    expect(await db.select().from(contactEvents).where(eq(contactEvents.contactId, contact.id))).toHaveLength(1);
  });

  it("refuses bad, tampered, foreign and stale links as NOT_FOUND and changes nothing", async () => {
    const { org, contact, token, alpha } = await setup();
    const other = await createOrgWithOwner();
    const [payload, sig] = token.split(".");
    const bad = [
      "garbage",
      `${payload}.${sig.slice(0, -2)}xx`,
      signContactToken({ orgId: org.id, contactId: contact.id, purpose: "confirm", listId: alpha.id }),
      // A correctly signed token naming the contact under another org matches no row.
      signContactToken({ orgId: other.org.id, contactId: contact.id, purpose: "preferences" }),
    ];
    for (const t of bad) {
      await expectAppError(getPreferences(t), "NOT_FOUND");
      await expectAppError(unsubscribeEverywhere(t), "NOT_FOUND");
      await expectAppError(updatePreferences(t, { shown: [alpha.id], keep: [] }), "NOT_FOUND");
    }
    expect((await db.select().from(contacts).where(and(eq(contacts.id, contact.id))))[0].status).toBe("subscribed");
    expect(await counts(alpha.id)).toEqual([2]);
    expect(await db.select().from(suppressions).where(eq(suppressions.orgId, org.id))).toHaveLength(0);
    // A deleted contact's old link is not valid any more.
    await db.delete(contacts).where(eq(contacts.id, contact.id));
    await expectAppError(getPreferences(token), "NOT_FOUND");
  });
});
