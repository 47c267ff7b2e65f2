import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { templates } from "@/db/schema";
import { createAttributeDefinition } from "@/lib/audience/attribute-definitions/create-attribute-definition";
import { createContact } from "@/lib/audience/contacts/create-contact";
import { createTemplate } from "@/lib/content/templates/create-template";
import { deleteTemplate } from "@/lib/content/templates/delete-template";
import { duplicateTemplate } from "@/lib/content/templates/duplicate-template";
import { getTemplate } from "@/lib/content/templates/get-template";
import { listTemplates } from "@/lib/content/templates/list-templates";
import { previewTemplate } from "@/lib/content/templates/preview-template";
import { updateTemplate } from "@/lib/content/templates/update-template";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";

const uniq = () => randomBytes(4).toString("hex");
const welcome = (name = `Welcome ${uniq()}`) => ({
  channel: "email" as const,
  name,
  subject: "Welcome, {{ contact.first_name | default: 'friend' }}",
  preheader: "Hello from {{ org.name }}",
  html: "<p>Hi {{ contact.first_name }}, you are on {{ contact.attributes.plan }}.</p>",
  text: "",
});

describe("templates: create, update, list, duplicate, delete", () => {
  it("lets any member create an e-mail template and records the variables it uses", async () => {
    const { org, actor } = await createOrgWithOwner(undefined, { plan: "pro" });
    await createAttributeDefinition(actor, { key: "plan", type: "text" });
    const member = await addMember(org.id, "member");
    const t = await createTemplate(member.actor, welcome());
    expect(t.id).toMatch(/^tpl_/);
    expect(t.orgId).toBe(org.id);
    expect(t.text).toBeNull();
    expect(t.variables).toEqual(["contact.attributes.plan", "contact.first_name", "org.name"]);
    expect((await getTemplate(actor, { id: t.id })).name).toBe(t.name);
  });

  it("creates an SMS template", async () => {
    const { actor } = await createOrgWithOwner();
    const t = await createTemplate(actor, { channel: "sms", name: "Reminder", smsBody: "Hi {{ contact.first_name }}, see you soon. STOP to opt out" });
    expect(t.channel).toBe("sms");
    expect(t.html).toBeNull();
    expect(t.variables).toEqual(["contact.first_name"]);
  });

  it("refuses unknown variables, undeclared attributes and syntax errors beside the field", async () => {
    const { actor } = await createOrgWithOwner();
    const e1 = await expectAppError(createTemplate(actor, { ...welcome(), subject: "Hi {{ contact.frist_name }}" }), "VALIDATION");
    expect(e1.fields?.subject).toBe('Line 1: "contact.frist_name" is not a known variable.');
    // `plan` is not declared in this org.
    expect(e1.fields?.html).toBe('Line 1: "contact.attributes.plan" is not a declared contact attribute.');
    const e2 = await expectAppError(createTemplate(actor, { channel: "sms", name: "x", smsBody: "a\n{% if contact.email %}" }), "VALIDATION");
    expect(e2.fields?.smsBody).toMatch(/^Line 2: /);
    const e3 = await expectAppError(createTemplate(actor, { ...welcome(), html: "<p>{{ contact.email | shout }}</p>" }), "VALIDATION");
    expect(e3.fields?.html).toContain('Unknown filter "shout"');
    expect(await db.select().from(templates).where(eq(templates.orgId, actor.orgId))).toHaveLength(0);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ subject: "  " }, "subject"],
    [{ html: "" }, "html"],
    [{ name: "x".repeat(121) }, "name"],
  ])("refuses bad input %j", async (patch, field) => {
    const { actor } = await createOrgWithOwner();
    await expectFieldError(createTemplate(actor, { ...welcome(), html: "<p>x</p>", ...patch }), field);
  });

  it("keeps names unique per org, not across orgs", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    const base = { ...welcome("Newsletter"), html: "<p>x</p>" };
    await createTemplate(a.actor, base);
    const e = await expectAppError(createTemplate(a.actor, { ...base, channel: "email" }), "CONFLICT");
    expect(e.fields?.name).toBe("A template with this name already exists.");
    await createTemplate(b.actor, base);
    const other = await createTemplate(a.actor, { ...base, name: "Other" });
    expect((await expectAppError(updateTemplate(a.actor, { ...base, id: other.id }), "CONFLICT")).fields?.name).toBeDefined();
  });

  it("updates content of the template's own channel and refreshes variables", async () => {
    const { actor } = await createOrgWithOwner();
    const t = await createTemplate(actor, { ...welcome(), html: "<p>x</p>" });
    const saved = await updateTemplate(actor, { id: t.id, name: "Renamed", subject: "New {{ campaign.name }}", html: "<p>{{ unsubscribe_url }}</p>", text: "Plain", smsBody: "ignored" });
    expect(saved).toMatchObject({ name: "Renamed", subject: "New {{ campaign.name }}", text: "Plain", smsBody: null, channel: "email" });
    expect(saved.variables).toEqual(["campaign.name", "unsubscribe_url"]);
    expect(saved.updatedAt.getTime()).toBeGreaterThanOrEqual(t.updatedAt.getTime());
    await expectFieldError(updateTemplate(actor, { id: t.id, name: "Renamed", subject: "", html: "<p>x</p>" }), "subject");
  });

  it("lists, duplicates under a free name and deletes", async () => {
    const { actor } = await createOrgWithOwner();
    const t = await createTemplate(actor, { ...welcome("Promo"), html: "<p>x</p>" });
    const copy1 = await duplicateTemplate(actor, { id: t.id });
    const copy2 = await duplicateTemplate(actor, { id: t.id });
    expect([copy1.name, copy2.name]).toEqual(["Copy of Promo", "Copy of Promo (2)"]);
    expect(copy1).toMatchObject({ channel: "email", subject: t.subject, html: t.html, variables: t.variables });
    expect((await listTemplates(actor, { sort: "name" })).map((r) => r.name)).toEqual(["Copy of Promo", "Copy of Promo (2)", "Promo"]);
    await deleteTemplate(actor, { id: copy1.id });
    expect(await listTemplates(actor)).toHaveLength(2);
    await expectAppError(getTemplate(actor, { id: copy1.id }), "NOT_FOUND");
  });
});

describe("templates: preview", () => {
  it("renders with the org's first contact, escaping its values in the HTML", async () => {
    const { actor } = await createOrgWithOwner(undefined, { plan: "pro" });
    await createAttributeDefinition(actor, { key: "plan", type: "text" });
    await createContact(actor, { email: `first-${uniq()}@example.test`, firstName: "<b>Ada</b>", attributes: { plan: "gold" } });
    await createContact(actor, { email: `second-${uniq()}@example.test`, firstName: "Bob" });
    const t = await createTemplate(actor, welcome());
    const p = await previewTemplate(actor, { id: t.id });
    expect(p.errors).toEqual({});
    expect(p.sample).toEqual({ label: "<b>Ada</b>", builtIn: false });
    expect(p.email?.subject).toBe("Welcome, <b>Ada</b>");
    expect(p.email?.html).toContain("Hi &lt;b&gt;Ada&lt;/b&gt;, you are on gold.");
    expect(p.email?.text).toContain("Hi <b>Ada</b>, you are on gold.");
  });

  it("renders unsaved content with the built-in sample and reports problems without throwing", async () => {
    const { actor } = await createOrgWithOwner();
    const p = await previewTemplate(actor, { channel: "email", content: { subject: "Hi {{ contact.first_name }}", html: "<p>{{ contact.nope }}</p>" } });
    expect(p.sample.builtIn).toBe(true);
    expect(p.email?.subject).toBe("Hi Jane");
    expect(p.errors.html).toContain('"contact.nope" is not a known variable');
    const sms = await previewTemplate(actor, { channel: "sms", content: { smsBody: "Hi {{ contact.first_name }} €" } });
    expect(sms.sms).toMatchObject({ body: "Hi Jane €", count: { encoding: "GSM-7", units: 10, segments: 1 } });
    const broken = await previewTemplate(actor, { channel: "sms", content: { smsBody: "{% for i in (1..100000000) %}x{% endfor %}" } });
    expect(broken.errors._).toMatch(/too much work/);
  });
});
