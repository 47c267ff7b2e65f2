import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { outboxMessages } from "@/db/schema";
import { systemMailProvider } from "@/lib/mail/system-mailer";
import { outboxProvider, outboxSmsProvider } from "@/lib/sending/providers/outbox";

describe("outbox adapter", () => {
  it("stores a batch of e-mails in one go with Herald's ids and the headers", async () => {
    const stamp = Date.now();
    const batch = [1, 2, 3].map((i) => ({
      messageId: `msg_obx${stamp}${i}`,
      from: { email: "team@example.com", name: "Team, Inc." },
      to: `obx${stamp}-${i}@example.test`,
      subject: `Hi ${i}`,
      html: `<p>${i}</p>`,
      text: `${i}`,
      headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    }));
    const results = await outboxProvider.sendBatch(batch);
    const ids = results.map((r) => (r.ok ? r.providerMessageId : ""));
    const rows = await db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    batch.forEach((m, i) => {
      const row = byId.get(ids[i])!;
      expect(row).toMatchObject({ channel: "email", to: m.to, subject: m.subject, html: m.html, text: m.text, from: '"Team, Inc." <team@example.com>' });
      expect(row.headers).toMatchObject({ "Message-ID": `<${m.messageId}@herald>`, "X-Herald-Message-Id": m.messageId, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    });
  });

  it("stores SMS with the body in text", async () => {
    const [r] = await outboxSmsProvider.sendBatch([{ messageId: "msg_smsobx", from: "Herald", to: "+447700900123", body: "Your code is 123456" }]);
    expect(r.ok).toBe(true);
    const [row] = await db.select().from(outboxMessages).where(inArray(outboxMessages.id, [r.ok ? r.providerMessageId : ""]));
    expect(row).toMatchObject({ channel: "sms", from: "Herald", to: "+447700900123", text: "Your code is 123456", subject: null, html: null });
  });

  it("answers an empty batch without a statement", async () => {
    expect(await outboxProvider.sendBatch([])).toEqual([]);
  });

  it("still serves system mail one message at a time", async () => {
    const mailer = systemMailProvider();
    expect(mailer.kind).toBe("outbox");
    const { providerMessageId } = await mailer.send({ from: "Herald <no-reply@herald.local>", to: "sys@example.test", subject: "Code", html: "<p>1</p>", text: "1" });
    const [row] = await db.select().from(outboxMessages).where(inArray(outboxMessages.id, [providerMessageId]));
    expect(row.subject).toBe("Code");
  });
});
