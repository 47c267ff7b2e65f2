import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { systemEmails, templates } from "@/db/schema";
import { createContact } from "@/lib/audience/contacts/create-contact";
import { createTemplate } from "@/lib/content/templates/create-template";
import { deleteTemplate } from "@/lib/content/templates/delete-template";
import { duplicateTemplate } from "@/lib/content/templates/duplicate-template";
import { getTemplate } from "@/lib/content/templates/get-template";
import { listTemplates } from "@/lib/content/templates/list-templates";
import { previewTemplate } from "@/lib/content/templates/preview-template";
import { sendTestEmail } from "@/lib/content/templates/send-test-email";
import { updateTemplate } from "@/lib/content/templates/update-template";
import { createOrgWithOwner } from "../fixtures/factories";
import { expectAppError } from "../fixtures/expect-error";
import { lastMessageTo } from "../fixtures/outbox";

describe("templates across tenants", () => {
  it("never lets another org read, change, preview, copy or send a template", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    await createContact(a.actor, { email: "secret-contact@example.test", firstName: "Secret" });
    const t = await createTemplate(a.actor, { channel: "email", name: "A only", subject: "Hi {{ contact.first_name }}", html: "<p>A's content</p>" });
    const [before] = await db.select().from(templates).where(eq(templates.id, t.id));

    await expectAppError(getTemplate(b.actor, { id: t.id }), "NOT_FOUND");
    await expectAppError(updateTemplate(b.actor, { id: t.id, name: "Stolen", subject: "x", html: "<p>x</p>" }), "NOT_FOUND");
    await expectAppError(deleteTemplate(b.actor, { id: t.id }), "NOT_FOUND");
    await expectAppError(duplicateTemplate(b.actor, { id: t.id }), "NOT_FOUND");
    await expectAppError(previewTemplate(b.actor, { id: t.id }), "NOT_FOUND");
    await expectAppError(sendTestEmail(b.actor, { id: t.id, to: "thief@example.test" }), "NOT_FOUND");

    const [after] = await db.select().from(templates).where(eq(templates.id, t.id));
    expect(after).toEqual(before);
    expect(await listTemplates(b.actor)).toEqual([]);
    expect(await db.select().from(templates).where(eq(templates.orgId, b.org.id))).toEqual([]);
    expect(await db.select().from(systemEmails).where(eq(systemEmails.to, "thief@example.test"))).toEqual([]);
    expect(await lastMessageTo("thief@example.test")).toBeNull();
    // B's preview of its own unsaved content never uses A's contacts.
    const own = await previewTemplate(b.actor, { channel: "email", content: { subject: "{{ contact.first_name }}", html: "x" } });
    expect(own.email?.subject).toBe("Jane");
  });
});
