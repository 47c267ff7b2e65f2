import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { systemEmails } from "@/db/schema";
import { createTemplate } from "@/lib/content/templates/create-template";
import { sendTestEmail, TEST_EMAILS_PER_HOUR } from "@/lib/content/templates/send-test-email";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";
import { lastMessageTo } from "../fixtures/outbox";

describe("send a test e-mail", () => {
  it("renders with the sample contact and lands in the outbox with [Test] in the subject", async () => {
    const { org, actor } = await createOrgWithOwner();
    const member = await addMember(org.id, "member");
    const t = await createTemplate(actor, {
      channel: "email",
      name: "Launch",
      subject: "Big news, {{ contact.first_name | default: 'there' }}",
      preheader: "Read this first",
      html: '<html><body><p>Hello {{ contact.first_name }} from {{ org.name }}</p><a href="{{ unsubscribe_url }}">Unsubscribe</a></body></html>',
    });
    await sendTestEmail(member.actor, { id: t.id, to: "  Tester@Example.TEST " });
    const m = await lastMessageTo("tester@example.test");
    expect(m).not.toBeNull();
    expect(m!.subject).toBe("[Test] Big news, Jane");
    expect(m!.html).toContain("Read this first");
    expect(m!.html).toContain(`Hello Jane from ${org.name}`);
    expect(m!.html).toContain("/u/preview");
    expect(m!.text).toContain(`Hello Jane from ${org.name}`);
    const [row] = await db.select().from(systemEmails).where(eq(systemEmails.to, "tester@example.test"));
    expect(row).toMatchObject({ kind: "template-test", orgId: org.id, status: "sent" });
  });

  it("sends the editor's unsaved draft when given", async () => {
    const { actor } = await createOrgWithOwner();
    const t = await createTemplate(actor, { channel: "email", name: "Draft", subject: "Saved", html: "<p>saved</p>" });
    await sendTestEmail(actor, { id: t.id, to: "draft@example.test", content: { subject: "Unsaved {{ org.name }}", html: "<p>unsaved</p>" } });
    const m = await lastMessageTo("draft@example.test");
    expect(m!.subject).toMatch(/^\[Test\] Unsaved /);
    expect(m!.html).toContain("unsaved");
  });

  it("refuses a bad address, a broken draft and an SMS template", async () => {
    const { actor } = await createOrgWithOwner();
    const t = await createTemplate(actor, { channel: "email", name: "E", subject: "S", html: "<p>x</p>" });
    for (const to of ["", "not-an-address", "a@", "x@y@z.test"]) await expectFieldError(sendTestEmail(actor, { id: t.id, to }), "to");
    const e = await expectAppError(sendTestEmail(actor, { id: t.id, to: "ok@example.test", content: { html: "{{ contact.nope }}" } }), "VALIDATION");
    expect(e.fields?.html).toContain("contact.nope");
    const sms = await createTemplate(actor, { channel: "sms", name: "S", smsBody: "hi" });
    await expectAppError(sendTestEmail(actor, { id: sms.id, to: "ok@example.test" }), "BAD_REQUEST");
    expect(await lastMessageTo("ok@example.test")).toBeNull();
  });

  it(`allows ${TEST_EMAILS_PER_HOUR} tests per org per hour`, async () => {
    const { actor } = await createOrgWithOwner();
    const other = await createOrgWithOwner();
    const t = await createTemplate(actor, { channel: "email", name: "E", subject: "S", html: "<p>x</p>" });
    const t2 = await createTemplate(other.actor, { channel: "email", name: "E", subject: "S", html: "<p>x</p>" });
    for (let i = 0; i < TEST_EMAILS_PER_HOUR; i++) await sendTestEmail(actor, { id: t.id, to: `r${i}@example.test` });
    const e = await expectAppError(sendTestEmail(actor, { id: t.id, to: "one-too-many@example.test" }), "RATE_LIMITED");
    expect(e.message).toMatch(/Too many test e-mails/);
    expect(await lastMessageTo("one-too-many@example.test")).toBeNull();
    // Another org has its own allowance.
    await sendTestEmail(other.actor, { id: t2.id, to: "other-org@example.test" });
    expect(await lastMessageTo("other-org@example.test")).not.toBeNull();
  });
});
