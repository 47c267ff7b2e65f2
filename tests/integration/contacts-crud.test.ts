import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, contactEvents, contacts, importErrors, imports, orgs, suppressions } from "@/db/schema";
import { createAttributeDefinition } from "@/lib/audience/attribute-definitions/create-attribute-definition";
import { changeContactStatus } from "@/lib/audience/contacts/change-contact-status";
import { parseContactId } from "@/lib/audience/contacts/contact-id";
import { createContact } from "@/lib/audience/contacts/create-contact";
import { deleteContact } from "@/lib/audience/contacts/delete-contact";
import { eraseContact } from "@/lib/audience/contacts/erase-contact";
import { exportContactData } from "@/lib/audience/contacts/export-contact-data";
import { getContact } from "@/lib/audience/contacts/get-contact";
import { updateContact } from "@/lib/audience/contacts/update-contact";
import { addressHash } from "@/lib/audience/suppressions/address-hash";
import { PLANS } from "@/lib/billing/plans";
import { AppError } from "@/lib/errors";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";

const email = () => `c-${randomBytes(5).toString("hex")}@example.test`;

async function orgWithCountry(country: string | null) {
  const o = await createOrgWithOwner();
  if (country) await db.update(orgs).set({ defaultCountry: country }).where(eq(orgs.id, o.org.id));
  return o;
}

const rowOf = async (id: string) => (await db.select().from(contacts).where(eq(contacts.id, parseContactId(id))))[0];

describe("creating contacts", () => {
  it("normalises e-mail case, phone with a country code, and derives the +7 operator code", async () => {
    const { actor } = await orgWithCountry(null);
    const c = await createContact(actor, { email: "  Ann.Smith@Example.COM ", phone: "79161234567", firstName: " Ann ", tags: "VIP, news ,vip" });
    expect(c.id).toMatch(/^ct_[0-9a-z]+$/);
    expect(c).toMatchObject({ email: "ann.smith@example.com", phone: "+79161234567", operatorCode: "916", firstName: "Ann", tags: ["vip", "news"], status: "subscribed" });
    const [event] = await db.select().from(contactEvents).where(eq(contactEvents.contactId, parseContactId(c.id)));
    expect(event).toMatchObject({ kind: "created", toStatus: "subscribed", actorId: actor.userId });
  });

  it("reads a national number with the org's default country", async () => {
    const { actor } = await orgWithCountry("DE");
    const c = await createContact(actor, { phone: "(030) 1234567" });
    expect(c.phone).toBe("+49301234567");
    expect(c.email).toBeNull();
    expect(c.operatorCode).toBeNull();
  });

  it("keeps business hours and a given operator code, and records consent", async () => {
    const { actor } = await orgWithCountry(null);
    const c = await createContact(actor, { email: email(), notifyFrom: "9", notifyTo: "17:30", operatorCode: "999", timezone: "Europe/Berlin" }, { consentSource: "dashboard", consentIp: "203.0.113.9" });
    expect(c).toMatchObject({ notifyFrom: "09:00", notifyTo: "17:30", operatorCode: "999", timezone: "Europe/Berlin", consentSource: "dashboard", consentIp: "203.0.113.9" });
    expect(c.consentAt).toBeInstanceOf(Date);
  });

  const bad: { label: string; input: Record<string, unknown>; field: string }[] = [
    { label: "bad e-mail", input: { email: "not-an-email" }, field: "email" },
    { label: "bad phone", input: { phone: "12" }, field: "phone" },
    { label: "bad timezone", input: { email: "x@example.test", timezone: "Mars/Olympus" }, field: "timezone" },
    { label: "from equal to to", input: { email: "x@example.test", notifyFrom: "10:00", notifyTo: "10:00" }, field: "notifyTo" },
    { label: "from after to", input: { email: "x@example.test", notifyFrom: "18:00", notifyTo: "09:00" }, field: "notifyTo" },
    { label: "bad time", input: { email: "x@example.test", notifyFrom: "25:00" }, field: "notifyFrom" },
    { label: "neither e-mail nor phone", input: { firstName: "Nobody" }, field: "email" },
    { label: "bad status", input: { email: "x@example.test", status: "gone" }, field: "status" },
  ];
  it.each(bad)("refuses $label with a message on $field and writes nothing", async ({ input, field }) => {
    const { actor, org } = await orgWithCountry(null);
    await expectFieldError(createContact(actor, input as never), field);
    expect(await db.select().from(contacts).where(eq(contacts.orgId, org.id))).toHaveLength(0);
  });

  it("checks custom attributes against the declarations", async () => {
    const { actor, org } = await orgWithCountry(null);
    await createAttributeDefinition(actor, { key: "plan", type: "text" });
    await createAttributeDefinition(actor, { key: "seats", type: "number" });
    await createAttributeDefinition(actor, { key: "renews", type: "date" });
    await createAttributeDefinition(actor, { key: "trial", type: "boolean" });
    const unknown = await expectAppError(createContact(actor, { email: email(), attributes: { colour: "red" } }), "VALIDATION");
    expect(unknown.fields).toHaveProperty(["attributes.colour"]);
    const wrong = await expectAppError(createContact(actor, { email: email(), attributes: { seats: "many" } }), "VALIDATION");
    expect(wrong.fields?.["attributes.seats"]).toMatch(/number/);
    await expectAppError(createContact(actor, { email: email(), attributes: { trial: "maybe" } }), "VALIDATION");
    expect(await db.select().from(contacts).where(eq(contacts.orgId, org.id))).toHaveLength(0);
    const c = await createContact(actor, { email: email(), attributes: { plan: "pro", seats: "12", renews: "2030-01-31", trial: "yes" } });
    expect(c.attributes).toEqual({ plan: "pro", seats: 12, renews: "2030-01-31", trial: true });
  });

  it("refuses a duplicate e-mail or phone in the org as CONFLICT naming the field, but allows it in another org", async () => {
    const { actor } = await orgWithCountry(null);
    const e = email();
    await createContact(actor, { email: e, phone: "+79161234567" });
    const dupEmail = await expectAppError(createContact(actor, { email: e.toUpperCase() }), "CONFLICT");
    expect(dupEmail.fields).toHaveProperty("email");
    const dupPhone = await expectAppError(createContact(actor, { email: email(), phone: "8 (916) 123-45-67".replace(/^8/, "+7") }), "CONFLICT");
    expect(dupPhone.fields).toHaveProperty("phone");
    const other = await orgWithCountry(null);
    await expect(createContact(other.actor, { email: e, phone: "+79161234567" })).resolves.toMatchObject({ email: e });
  });
});

describe("updating contacts", () => {
  it("changes only the given fields, re-derives the operator code of a new phone, and bumps updated_at", async () => {
    const { actor } = await orgWithCountry(null);
    await createAttributeDefinition(actor, { key: "plan", type: "text" });
    await createAttributeDefinition(actor, { key: "seats", type: "number" });
    const c = await createContact(actor, { email: email(), phone: "+79161234567", firstName: "Ann", attributes: { plan: "pro", seats: 3 } });
    const before = await rowOf(c.id);
    await new Promise((r) => setTimeout(r, 5));
    const u = await updateContact(actor, { id: c.id, phone: "+79261112233", lastName: "Lee", attributes: { seats: "", plan: "team" } });
    expect(u).toMatchObject({ email: c.email, firstName: "Ann", lastName: "Lee", phone: "+79261112233", operatorCode: "926", attributes: { plan: "team" } });
    expect(u.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
  });

  it("validates the merged contact: a new 'to' before the stored 'from' is refused", async () => {
    const { actor } = await orgWithCountry(null);
    const c = await createContact(actor, { email: email(), notifyFrom: "10:00", notifyTo: "18:00" });
    await expectFieldError(updateContact(actor, { id: c.id, notifyTo: "09:00" }), "notifyTo");
    await expectFieldError(updateContact(actor, { id: c.id, email: null, phone: null }), "email");
    await expectFieldError(updateContact(actor, { id: c.id, timezone: "Nowhere/Land" }), "timezone");
    expect(await rowOf(c.id)).toMatchObject({ notifyTo: "18:00:00", email: c.email });
  });

  it("refuses taking another contact's address", async () => {
    const { actor } = await orgWithCountry(null);
    const a = await createContact(actor, { email: email() });
    const b = await createContact(actor, { email: email() });
    const err = await expectAppError(updateContact(actor, { id: b.id, email: a.email }), "CONFLICT");
    expect(err.fields).toHaveProperty("email");
    // Saving a contact with its own address is not a conflict.
    await expect(updateContact(actor, { id: a.id, email: a.email, firstName: "Same" })).resolves.toMatchObject({ firstName: "Same" });
  });

  it("an unknown or malformed id is NOT_FOUND", async () => {
    const { actor } = await orgWithCountry(null);
    await expectAppError(updateContact(actor, { id: "ct_zzzzzz", firstName: "x" }), "NOT_FOUND");
    await expectAppError(updateContact(actor, { id: "nonsense", firstName: "x" }), "NOT_FOUND");
    await expectAppError(getContact(actor, { id: "ct_" }), "NOT_FOUND");
  });
});

describe("status changes", () => {
  it("writes history with the reason, and unsubscribing suppresses both addresses once", async () => {
    const { actor, org } = await orgWithCountry(null);
    const c = await createContact(actor, { email: email(), phone: "+79161234567" });
    await changeContactStatus(actor, { id: c.id, status: "unsubscribed", reason: "Asked by phone" });
    await changeContactStatus(actor, { id: c.id, status: "unsubscribed", reason: "again" });
    const detail = await getContact(actor, { id: c.id });
    expect(detail.contact).toMatchObject({ status: "unsubscribed", statusReason: "Asked by phone" });
    expect(detail.history.map((h) => [h.kind, h.fromStatus, h.toStatus, h.reason])).toEqual([
      ["created", null, "subscribed", null],
      ["status_changed", "subscribed", "unsubscribed", "Asked by phone"],
    ]);
    const sup = await db.select().from(suppressions).where(eq(suppressions.orgId, org.id));
    expect(sup.map((s) => [s.channel, s.address, s.addressHash, s.reason]).sort()).toEqual(
      [
        ["email", c.email, addressHash(c.email!), "unsubscribed"],
        ["sms", "+79161234567", addressHash("+79161234567"), "unsubscribed"],
      ].sort(),
    );
    expect(detail.suppressions).toHaveLength(2);

    // Resubscribing is history too; the suppression stays until an admin lifts it.
    await updateContact(actor, { id: c.id, status: "subscribed", statusReason: "Consent on file" });
    const after = await getContact(actor, { id: c.id });
    expect(after.history.at(-1)).toMatchObject({ fromStatus: "unsubscribed", toStatus: "subscribed", reason: "Consent on file" });
    expect(await db.select().from(suppressions).where(eq(suppressions.orgId, org.id))).toHaveLength(2);
  });

  it("a contact created as unsubscribed is suppressed", async () => {
    const { actor, org } = await orgWithCountry(null);
    const c = await createContact(actor, { email: email(), status: "unsubscribed" });
    const sup = await db.select().from(suppressions).where(and(eq(suppressions.orgId, org.id), eq(suppressions.channel, "email")));
    expect(sup.map((s) => s.address)).toEqual([c.email]);
  });

  it("refuses an unknown status", async () => {
    const { actor } = await orgWithCountry(null);
    const c = await createContact(actor, { email: email() });
    await expectFieldError(changeContactStatus(actor, { id: c.id, status: "deleted" as never }), "status");
  });
});

describe("deleting and erasing", () => {
  it("delete removes the contact and its history without suppressing it", async () => {
    const { actor, org } = await orgWithCountry(null);
    const c = await createContact(actor, { email: email() });
    await deleteContact(actor, { id: c.id });
    expect(await rowOf(c.id)).toBeUndefined();
    expect(await db.select().from(contactEvents).where(eq(contactEvents.contactId, parseContactId(c.id)))).toHaveLength(0);
    expect(await db.select().from(suppressions).where(eq(suppressions.orgId, org.id))).toHaveLength(0);
    await expectAppError(deleteContact(actor, { id: c.id }), "NOT_FOUND");
  });

  it("erase leaves only hashed suppressions, forgets an address already suppressed, and audits without the address", async () => {
    const { actor, org } = await orgWithCountry(null);
    const e = email();
    const c = await createContact(actor, { email: e, phone: "+79161234567", status: "unsubscribed" });
    // A refused import row that carried the address, and one that did not.
    const [imp] = await db.insert(imports).values({ orgId: org.id, fileName: "x.csv", filePath: "/nonexistent", fileSize: 1 }).returning();
    await db.insert(importErrors).values([
      { importId: imp.id, orgId: org.id, line: 2, reason: "invalid phone", raw: [` ${e.toUpperCase()} `, "12"] },
      { importId: imp.id, orgId: org.id, line: 3, reason: "invalid e-mail", raw: ["someone-else", ""] },
    ]);
    await eraseContact(actor, { id: c.id });
    expect(await rowOf(c.id)).toBeUndefined();
    expect((await db.select().from(importErrors).where(eq(importErrors.importId, imp.id))).map((r) => r.line)).toEqual([3]);
    expect(await db.select().from(contactEvents).where(eq(contactEvents.orgId, org.id))).toHaveLength(0);
    const sup = await db.select().from(suppressions).where(eq(suppressions.orgId, org.id));
    expect(sup.map((s) => [s.channel, s.address, s.addressHash, s.reason]).sort()).toEqual(
      [
        ["email", null, addressHash(e), "erased"],
        ["sms", null, addressHash("+79161234567"), "erased"],
      ].sort(),
    );
    const audit = await db.select().from(auditLog).where(eq(auditLog.orgId, org.id));
    const erased = audit.find((a) => a.action === "contact.erased");
    expect(erased?.targetId).toBe(c.id);
    expect(JSON.stringify(audit)).not.toContain(e);
    expect(JSON.stringify(audit)).not.toContain("9161234567");
  });

  it("members may not delete or erase; admins may", async () => {
    const { actor, org } = await orgWithCountry(null);
    const member = await addMember(org.id, "member");
    const admin = await addMember(org.id, "admin");
    const c = await createContact(member.actor, { email: email() });
    await expectAppError(deleteContact(member.actor, { id: c.id }), "FORBIDDEN");
    await expectAppError(eraseContact(member.actor, { id: c.id }), "FORBIDDEN");
    expect(await rowOf(c.id)).toBeDefined();
    await eraseContact(admin.actor, { id: c.id });
    expect(await rowOf(c.id)).toBeUndefined();
    expect(actor.role).toBe("owner");
  });
});

describe("data export", () => {
  it("holds the fields, consent, lists and history of one contact", async () => {
    const { actor } = await orgWithCountry(null);
    const c = await createContact(actor, { email: email(), firstName: "Ann", tags: ["a"] }, { consentSource: "dashboard" });
    await changeContactStatus(actor, { id: c.id, status: "pending", reason: "re-confirm" });
    const data = await exportContactData(actor, { id: c.id });
    expect(data.contact).toMatchObject({ id: c.id, email: c.email, firstName: "Ann", tags: ["a"], status: "pending" });
    expect(data.consent.source).toBe("dashboard");
    expect(data.history.map((h) => h.toStatus)).toEqual(["subscribed", "pending"]);
    expect(JSON.parse(JSON.stringify(data)).contact.id).toBe(c.id);
  });
});

describe("the plan's contact limit", () => {
  it("refuses a contact past the Hobby limit, naming the limit and the upgrade", async () => {
    const { org, actor } = await createOrgWithOwner();
    // Fill the org to one below its limit in one statement, then add the last one through the operation.
    const limit = PLANS.hobby.contacts;
    await db.execute(sql`INSERT INTO contacts (org_id, email) SELECT ${org.id}, 'filler' || g || '@example.test' FROM generate_series(1, ${limit - 1}) g`);
    await createContact(actor, { email: "last-place@example.test" });
    const err = await createContact(actor, { email: "one-too-many@example.test" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("LIMIT_REACHED");
    expect(err.message).toMatch(new RegExp(`${limit.toLocaleString("en-US")} contacts`));
    expect(err.message).toMatch(/\/billing/);
  });
});
