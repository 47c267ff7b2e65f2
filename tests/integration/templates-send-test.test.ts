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
    await sendTestEmail(member.actor, { id: t.id, to: `  ${member.user.email.toUpperCase()} ` });
    const m = await lastMessageTo(member.user.email);
    expect(m).not.toBeNull();
    expect(m!.subject).toBe("[Test] Big news, Jane");
    expect(m!.html).toContain("Read this first");
    expect(m!.html).toContain(`Hello Jane from ${org.name}`);
    expect(m!.html).toContain("/u/preview");
    expect(m!.text).toContain(`Hello Jane from ${org.name}`);
    const [row] = await db.select().from(systemEmails).where(eq(systemEmails.to, member.user.email));
    expect(row).toMatchObject({ kind: "template-test", orgId: org.id, status: "sent" });
  });

  it("sends the editor's unsaved draft when given", async () => {
    const { actor, owner } = await createOrgWithOwner();
    const t = await createTemplate(actor, { channel: "email", name: "Draft", subject: "Saved", html: "<p>saved</p>" });
    await sendTestEmail(actor, { id: t.id, to: owner.email, content: { subject: "Unsaved {{ org.name }}", html: "<p>unsaved</p>" } });
    const m = await lastMessageTo(owner.email);
    expect(m!.subject).toMatch(/^\[Test\] Unsaved /);
    expect(m!.html).toContain("unsaved");
  });

  it("goes only to members of the org: Herald's own sender is no relay to strangers", async () => {
    const { actor } = await createOrgWithOwner();
    const other = await createOrgWithOwner();
    const t = await createTemplate(actor, { channel: "email", name: "E", subject: "S", html: "<p>x</p>" });
    for (const to of ["stranger@example.test", other.owner.email]) {
      const e = await expectAppError(sendTestEmail(actor, { id: t.id, to }), "FORBIDDEN");
      expect(e.fields?.to).toMatch(/member of this organization/);
      expect(await lastMessageTo(to)).toBeNull();
    }
  });

  it("refuses a bad address, a broken draft and an SMS template", async () => {
    const { actor, owner } = await createOrgWithOwner();
    const t = await createTemplate(actor, { channel: "email", name: "E", subject: "S", html: "<p>x</p>" });
    for (const to of ["", "not-an-address", "a@", "x@y@z.test"]) await expectFieldError(sendTestEmail(actor, { id: t.id, to }), "to");
    const e = await expectAppError(sendTestEmail(actor, { id: t.id, to: owner.email, content: { html: "{{ contact.nope }}" } }), "VALIDATION");
    expect(e.fields?.html).toContain("contact.nope");
    const sms = await createTemplate(actor, { channel: "sms", name: "S", smsBody: "hi" });
    await expectAppError(sendTestEmail(actor, { id: sms.id, to: owner.email }), "BAD_REQUEST");
    expect(await lastMessageTo(owner.email)).toBeNull();
  });

  it(`allows ${TEST_EMAILS_PER_HOUR} tests per org per hour`, async () => {
    const { org, actor, owner } = await createOrgWithOwner();
    const member = await addMember(org.id, "member");
    const other = await createOrgWithOwner();
    const t = await createTemplate(actor, { channel: "email", name: "E", subject: "S", html: "<p>x</p>" });
    const t2 = await createTemplate(other.actor, { channel: "email", name: "E", subject: "S", html: "<p>x</p>" });
    for (let i = 0; i < TEST_EMAILS_PER_HOUR; i++) await sendTestEmail(actor, { id: t.id, to: owner.email });
    const e = await expectAppError(sendTestEmail(actor, { id: t.id, to: member.user.email }), "RATE_LIMITED");
    expect(e.message).toMatch(/Too many test e-mails/);
    expect(await lastMessageTo(member.user.email)).toBeNull();
    // Another org has its own allowance.
    await sendTestEmail(other.actor, { id: t2.id, to: other.owner.email });
    expect(await lastMessageTo(other.owner.email)).not.toBeNull();
  });
});
