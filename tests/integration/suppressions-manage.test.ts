import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { contacts, orgs, suppressions } from "@/db/schema";
import { addSuppression } from "@/lib/audience/suppressions/add-suppression";
import { addressHash } from "@/lib/audience/suppressions/address-hash";
import { importSuppressions } from "@/lib/audience/suppressions/import-suppressions";
import { listSuppressions } from "@/lib/audience/suppressions/list-suppressions";
import { removeSuppression } from "@/lib/audience/suppressions/remove-suppression";
import { isSuppressed } from "@/lib/audience/suppressions/suppressed-filter";
import { encodeId } from "@/lib/ids";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";
import { auditActions } from "../fixtures/org-state";

const tag = () => randomBytes(4).toString("hex");
const rowsOf = (orgId: string) => db.select().from(suppressions).where(eq(suppressions.orgId, orgId)).orderBy(asc(suppressions.id));

describe("adding a suppression", () => {
  it("normalises the e-mail, reports a repeat as already suppressed, and audits once", async () => {
    const { org, actor } = await createOrgWithOwner();
    const r = await addSuppression(actor, { channel: "email", address: "  Ann.Smith@Example.COM " });
    expect(r).toMatchObject({ added: true, address: "ann.smith@example.com" });
    expect(r.added && r.id).toMatch(/^sup_/);
    const again = await addSuppression(actor, { channel: "email", address: "ann.smith@example.com", reason: "complaint" });
    expect(again).toEqual({ added: false, address: "ann.smith@example.com" });
    const rows = await rowsOf(org.id);
    expect(rows).toHaveLength(1);
    // The first entry stays: the repeat does not rewrite its reason.
    expect(rows[0]).toMatchObject({ channel: "email", address: "ann.smith@example.com", reason: "manual", source: "dashboard", addressHash: addressHash("ann.smith@example.com") });
    expect(await auditActions(org.id)).toContain("suppression.added");
    expect(await isSuppressed(org.id, "email", "ANN.SMITH@example.com")).toBe(true);
  });

  it("normalises a phone number to E.164 with the org's default country", async () => {
    const { org, actor } = await createOrgWithOwner();
    await db.update(orgs).set({ defaultCountry: "GB" }).where(eq(orgs.id, org.id));
    const r = await addSuppression(actor, { channel: "sms", address: "020 7946 0018", reason: "unsubscribed" });
    expect(r).toMatchObject({ added: true, address: "+442079460018" });
    // A number already written with its country code is recognised without the default.
    const ru = await addSuppression(actor, { channel: "sms", address: "79161234567" });
    expect(ru).toMatchObject({ added: true, address: "+79161234567" });
    expect(await isSuppressed(org.id, "sms", "+442079460018")).toBe(true);
  });

  it.each([
    { channel: "email", address: "not-an-address", field: "address" },
    { channel: "email", address: "", field: "address" },
    { channel: "sms", address: "12", field: "address" },
    { channel: "fax", address: "a@b.co", field: "channel" },
    { channel: "email", address: "a@b.co", reason: "erased", field: "reason" },
  ])("refuses $channel '$address' ($field)", async ({ field, ...input }) => {
    const { org, actor } = await createOrgWithOwner();
    const p = addSuppression(actor, input as never);
    if (field === "address" && input.address) {
      const e = await expectAppError(p, "VALIDATION");
      expect(e.fields).toHaveProperty("address");
    } else {
      await expectFieldError(p, field);
    }
    expect(await rowsOf(org.id)).toHaveLength(0);
  });

  it("leaves a matching contact's status as it was (suppression is the send-time gate)", async () => {
    const { org, actor } = await createOrgWithOwner();
    const email = `keep-${tag()}@example.test`;
    const [c] = await db.insert(contacts).values({ orgId: org.id, email, status: "subscribed" }).returning();
    await addSuppression(actor, { channel: "email", address: email });
    const [after] = await db.select().from(contacts).where(eq(contacts.id, c.id));
    expect(after.status).toBe("subscribed");
    expect(after.statusChangedAt).toEqual(c.statusChangedAt);
  });
});

describe("roles", () => {
  it("lets a member look but not change anything", async () => {
    const { org, actor } = await createOrgWithOwner();
    await addSuppression(actor, { channel: "email", address: `seen-${tag()}@example.test` });
    const { actor: member } = await addMember(org.id, "member");
    expect((await listSuppressions(member)).items).toHaveLength(1);
    const before = await rowsOf(org.id);
    await expectAppError(addSuppression(member, { channel: "email", address: "m@example.test" }), "FORBIDDEN");
    await expectAppError(importSuppressions(member, { channel: "email", text: "m@example.test" }), "FORBIDDEN");
    await expectAppError(removeSuppression(member, { id: encodeId("sup", before[0].id) }), "FORBIDDEN");
    expect(await rowsOf(org.id)).toEqual(before);
  });

  it("lets an admin add and remove", async () => {
    const { org } = await createOrgWithOwner();
    const { actor: admin } = await addMember(org.id, "admin");
    const r = await addSuppression(admin, { channel: "email", address: `adm-${tag()}@example.test` });
    await removeSuppression(admin, { id: r.added ? r.id : "" });
    expect(await rowsOf(org.id)).toHaveLength(0);
    expect(await auditActions(org.id)).toEqual(expect.arrayContaining(["suppression.added", "suppression.removed"]));
  });
});

describe("removing", () => {
  it("removes by id within the org; unknown ids are NOT_FOUND", async () => {
    const { org, actor } = await createOrgWithOwner();
    const r = await addSuppression(actor, { channel: "email", address: `rm-${tag()}@example.test` });
    await removeSuppression(actor, { id: r.added ? r.id : "" });
    expect(await rowsOf(org.id)).toHaveLength(0);
    await expectAppError(removeSuppression(actor, { id: r.added ? r.id : "" }), "NOT_FOUND");
    await expectFieldError(removeSuppression(actor, { id: "42" }), "id");
  });

  it("never removes an erased entry", async () => {
    const { org, actor } = await createOrgWithOwner();
    const [row] = await db
      .insert(suppressions)
      .values({ orgId: org.id, channel: "email", address: null, addressHash: addressHash(`gone-${tag()}@example.test`), reason: "erased", source: "erasure" })
      .returning();
    const e = await expectAppError(removeSuppression(actor, { id: encodeId("sup", row.id) }), "FORBIDDEN");
    expect(e.message).toMatch(/GDPR/);
    expect(await rowsOf(org.id)).toEqual([row]);
  });
});

describe("importing", () => {
  it("adds the good lines in one go and reports repeats and bad lines by number", async () => {
    const { org, actor } = await createOrgWithOwner();
    const existing = `old-${tag()}@example.test`;
    await addSuppression(actor, { channel: "email", address: existing });
    const text = ["Email", "ann@example.test", "", "not an address", `"Bob@Example.test",Bob,Smith`, existing.toUpperCase(), "ann@example.test", "x@y"].join("\r\n");
    const r = await importSuppressions(actor, { channel: "email", text });
    expect(r.added).toBe(2);
    expect(r.alreadySuppressed).toBe(2);
    expect(r.invalid).toEqual([
      { line: 4, value: "not an address", reason: "not a valid e-mail address" },
      { line: 8, value: "x@y", reason: "not a valid e-mail address" },
    ]);
    const rows = await rowsOf(org.id);
    expect(rows.map((x) => x.address).sort()).toEqual(["ann@example.test", "bob@example.test", existing].sort());
    expect(rows.filter((x) => x.source === "import").every((x) => x.reason === "manual")).toBe(true);
    // Re-importing the same list adds nothing.
    const again = await importSuppressions(actor, { channel: "email", text });
    expect(again.added).toBe(0);
    expect(await rowsOf(org.id)).toHaveLength(3);
  });

  it("imports phone numbers with a reason", async () => {
    const { org, actor } = await createOrgWithOwner();
    await db.update(orgs).set({ defaultCountry: "US" }).where(eq(orgs.id, org.id));
    const r = await importSuppressions(actor, { channel: "sms", reason: "unsubscribed", text: "phone\n(415) 555-2671\n+44 20 7946 0018\nhello" });
    expect(r).toEqual({ added: 2, alreadySuppressed: 0, invalid: [{ line: 4, value: "hello", reason: "not a valid phone number" }] });
    const rows = await db.select().from(suppressions).where(and(eq(suppressions.orgId, org.id), eq(suppressions.reason, "unsubscribed")));
    expect(rows.map((x) => x.address).sort()).toEqual(["+14155552671", "+442079460018"]);
  });

  it("refuses an empty list", async () => {
    const { actor } = await createOrgWithOwner();
    await expectAppError(importSuppressions(actor, { channel: "email", text: " \n\n" }), "VALIDATION");
  });
});

describe("listing", () => {
  it("searches, filters and pages by keyset without skipping rows that share a timestamp", async () => {
    const { org, actor } = await createOrgWithOwner();
    const lines = Array.from({ length: 7 }, (_, i) => `page${i}@example.test`);
    await importSuppressions(actor, { channel: "email", text: lines.join("\n") });
    await addSuppression(actor, { channel: "email", address: "complainer@example.test", reason: "complaint" });
    await addSuppression(actor, { channel: "sms", address: "+442079460018" });

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listSuppressions(actor, { limit: 3, cursor });
      seen.push(...page.items.map((x) => x.address!));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    expect(seen[0]).toBe("+442079460018");

    expect((await listSuppressions(actor, { q: "PAGE3" })).items.map((x) => x.address)).toEqual(["page3@example.test"]);
    expect((await listSuppressions(actor, { q: "100%_" })).items).toHaveLength(0);
    expect((await listSuppressions(actor, { channel: "sms" })).items.map((x) => x.address)).toEqual(["+442079460018"]);
    expect((await listSuppressions(actor, { reason: "complaint" })).items.map((x) => x.address)).toEqual(["complainer@example.test"]);
    // A forged cursor is ignored rather than breaking the query.
    expect((await listSuppressions(actor, { cursor: "garbage" })).items.length).toBe(9);
    expect(org.id).toBeTruthy();
  });

  it("finds an erased entry by its full address", async () => {
    const { org, actor } = await createOrgWithOwner();
    const email = `erased-${tag()}@example.test`;
    await db.insert(suppressions).values({ orgId: org.id, channel: "email", address: null, addressHash: addressHash(email), reason: "erased" });
    const { items } = await listSuppressions(actor, { q: email.toUpperCase() });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ address: null, reason: "erased" });
  });
});

describe("cross-tenant", () => {
  it("org B's admin neither sees nor removes org A's suppressions", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    const { actor: bAdmin } = await addMember(b.org.id, "admin");
    const r = await addSuppression(a.actor, { channel: "email", address: `a-only-${tag()}@example.test` });
    const before = await rowsOf(a.org.id);
    expect((await listSuppressions(bAdmin)).items).toHaveLength(0);
    expect((await listSuppressions(bAdmin, { q: before[0].address! })).items).toHaveLength(0);
    await expectAppError(removeSuppression(bAdmin, { id: r.added ? r.id : "" }), "NOT_FOUND");
    expect(await rowsOf(a.org.id)).toEqual(before);
    // The same address suppressed in B is B's own entry, and A's stays A's.
    await addSuppression(bAdmin, { channel: "email", address: before[0].address! });
    expect(await rowsOf(a.org.id)).toEqual(before);
    expect(await rowsOf(b.org.id)).toHaveLength(1);
  });
});
