import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { contactAttributes, contacts } from "@/db/schema";
import { createAttributeDefinition } from "@/lib/audience/attribute-definitions/create-attribute-definition";
import { deleteAttributeDefinition } from "@/lib/audience/attribute-definitions/delete-attribute-definition";
import { listAttributeDefinitions } from "@/lib/audience/attribute-definitions/list-attribute-definitions";
import { createContact } from "@/lib/audience/contacts/create-contact";
import { updateContact } from "@/lib/audience/contacts/update-contact";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";

const email = () => `a-${randomBytes(5).toString("hex")}@example.test`;

describe("attribute declarations", () => {
  it("declares, lists and refuses a duplicate key", async () => {
    const { actor } = await createOrgWithOwner();
    const def = await createAttributeDefinition(actor, { key: "plan", label: "Plan", type: "text" });
    expect(def.id).toMatch(/^att_/);
    await createAttributeDefinition(actor, { key: "seats", type: "number" });
    expect((await listAttributeDefinitions(actor)).map((d) => [d.key, d.label, d.type])).toEqual([
      ["plan", "Plan", "text"],
      ["seats", "seats", "number"],
    ]);
    const dup = await expectAppError(createAttributeDefinition(actor, { key: "plan", type: "number" }), "CONFLICT");
    expect(dup.fields).toHaveProperty("key");
  });

  it.each([
    { key: "Plan", field: "key" },
    { key: "1st", field: "key" },
    { key: "has space", field: "key" },
    { key: "x".repeat(41), field: "key" },
    { key: "email", field: "key" },
  ])("refuses the key $key", async ({ key, field }) => {
    const { actor, org } = await createOrgWithOwner();
    await expectFieldError(createAttributeDefinition(actor, { key, type: "text" }), field);
    expect(await db.select().from(contactAttributes).where(eq(contactAttributes.orgId, org.id))).toHaveLength(0);
  });

  it("refuses an unknown type", async () => {
    const { actor } = await createOrgWithOwner();
    await expectFieldError(createAttributeDefinition(actor, { key: "colour", type: "color" as never }), "type");
  });

  it("deleting a declaration clears its values from every contact, so they stay editable", async () => {
    const { actor, org } = await createOrgWithOwner();
    const plan = await createAttributeDefinition(actor, { key: "plan", type: "text" });
    await createAttributeDefinition(actor, { key: "seats", type: "number" });
    const c = await createContact(actor, { email: email(), attributes: { plan: "pro", seats: 2 } });
    expect(await deleteAttributeDefinition(actor, { id: plan.id })).toEqual({ key: "plan", cleared: 1 });
    const [row] = await db.select().from(contacts).where(eq(contacts.orgId, org.id));
    expect(row.attributes).toEqual({ seats: 2 });
    await expect(updateContact(actor, { id: c.id, firstName: "Still fine" })).resolves.toMatchObject({ attributes: { seats: 2 } });
    await expectAppError(createContact(actor, { email: email(), attributes: { plan: "pro" } }), "VALIDATION");
    await expectAppError(deleteAttributeDefinition(actor, { id: plan.id }), "NOT_FOUND");
  });

  it("members may read declarations but not change them", async () => {
    const { actor, org } = await createOrgWithOwner();
    const def = await createAttributeDefinition(actor, { key: "plan", type: "text" });
    const member = await addMember(org.id, "member");
    expect(await listAttributeDefinitions(member.actor)).toHaveLength(1);
    await expectAppError(createAttributeDefinition(member.actor, { key: "other", type: "text" }), "FORBIDDEN");
    await expectAppError(deleteAttributeDefinition(member.actor, { id: def.id }), "FORBIDDEN");
    expect(await listAttributeDefinitions(actor)).toHaveLength(1);
  });

  it("another org's admin cannot delete or see A's declarations", async () => {
    const a = await createOrgWithOwner();
    const def = await createAttributeDefinition(a.actor, { key: "plan", type: "text" });
    const b = await createOrgWithOwner();
    await expectAppError(deleteAttributeDefinition(b.actor, { id: def.id }), "NOT_FOUND");
    expect(await listAttributeDefinitions(b.actor)).toEqual([]);
    expect(await listAttributeDefinitions(a.actor)).toHaveLength(1);
    // B may declare the same key for itself.
    await expect(createAttributeDefinition(b.actor, { key: "plan", type: "number" })).resolves.toMatchObject({ key: "plan" });
  });
});
