import { desc, eq, inArray } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { outboxMessages } from "@/db/schema";
import { getRunner } from "@/inngest/runner";
import { encodeId } from "@/lib/ids";
import { kickDispatch } from "@/lib/sending/dispatch/kick-dispatch";
import { closeProviders } from "@/lib/sending/providers/provider-for-connection";
import { verifyToken } from "@/lib/tracking/tracking-token";
import { startSmtpSink, type SmtpSink } from "@/tests/fakes/smtp-sink";
import { createOrgWithOwner } from "@/tests/fixtures/factories";
import { campaignRow, messageRows, seedQueuedCampaign } from "@/tests/fixtures/messages";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await closeProviders();
  await sink.close();
});

async function dispatch(senderId: string) {
  await kickDispatch([senderId]);
  await getRunner().idle();
}

const tokens = (html: string, kind: "o" | "c") => [...html.matchAll(new RegExp(`/t/${kind}/([A-Za-z0-9_-]+)`, "g"))].map((m) => m[1]);
const line = (parsed: ParsedMail, key: string) => parsed.headerLines.find((h) => h.key === key)?.line;

describe("dispatch through SMTP", () => {
  it("sends messages whose headers, parts, footer, tracked links and pixel parse back", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const seeded = await seedQueuedCampaign({ orgId: org.id, count: 3, connection: { kind: "smtp", host: sink.host, port: sink.port, fromDomain: "mail.example.com" } });
    await dispatch(seeded.sender.id);

    const mine = sink.messages.filter((m) => seeded.addresses.includes(m.to[0]));
    expect(mine).toHaveLength(3);
    const id = seeded.messageIds[0];
    const raw = mine.find((m) => m.to[0] === seeded.addresses[0])!;
    const parsed = await simpleParser(raw.raw);

    expect(parsed.from?.value[0]).toEqual({ address: seeded.sender.fromEmail, name: "Herald News" });
    expect(parsed.messageId).toBe(`<${encodeId("msg", id)}@mail.example.com>`);
    expect(Math.abs(parsed.date!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(parsed.subject).toBe("Hello Reader1");
    expect(line(parsed, "list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const list = parsed.headers.get("list") as unknown as { unsubscribe: { url: string; mail: string } };
    expect(list.unsubscribe.url).toMatch(/^http:\/\/localhost:\d+\/u\/[A-Za-z0-9_-]+$/);
    expect(verifyToken(list.unsubscribe.url.split("/u/")[1], "unsub")).toEqual({ kind: "unsub", messageId: id });
    expect(list.unsubscribe.mail).toMatch(/^unsubscribe@localhost\?subject=unsubscribe-/);

    const html = parsed.html as string;
    const text = parsed.text!;
    // The preheader: hidden, right after <body>.
    expect(html).toMatch(/<body><span class="preheader" style="display:none[^"]*">Our news for Reader1/);
    expect(html).toContain("<p>Hi Reader1,</p>");
    // Links wrapped by index, in the order launch stored them; a repeated URL keeps its index.
    const campaign = await campaignRow(seeded.campaign.id);
    expect(campaign.links).toEqual(["https://example.com/offer?a=1&b=2", "https://example.com/blog", "https://example.com/u?e={{ contact.email }}"]);
    expect(tokens(html, "c").map((t) => verifyToken(t, "click")?.linkIndex)).toEqual([0, 1, 0]);
    expect(tokens(html, "c").every((t) => verifyToken(t, "click")?.messageId === id)).toBe(true);
    // Left alone: mailto, the template's own unsubscribe link, and a link whose address holds Liquid.
    expect(html).toContain('<a href="mailto:help@example.com">');
    expect(html).toMatch(/<a href="http:\/\/localhost:\d+\/u\/[A-Za-z0-9_-]+">leave<\/a>/);
    expect(html).toContain(`<a href="https://example.com/u?e=${seeded.addresses[0]}">Your page</a>`);
    expect(html).not.toContain("example.com/offer");
    // The footer and the pixel, before </body>.
    expect(html).toMatch(/Herald Test Ltd<br>1 Example Street<br>10115 Berlin, Germany/);
    expect(html).toMatch(/<a href="http:\/\/localhost:\d+\/p\/[^"]+"[^>]*>Manage preferences<\/a>/);
    expect(tokens(html, "o").map((t) => verifyToken(t, "open"))).toEqual([{ kind: "open", messageId: id }]);
    expect(html).toMatch(/width="1" height="1" alt="" style="display:block;border:0"><\/body>/);

    expect(text).toContain("Hi Reader1,");
    expect(text).toContain("https://example.com/offer?a=1&b=2");
    expect(text).toContain("1 Example Street");
    expect(text).toContain(`Unsubscribe: ${list.unsubscribe.url}`);
    expect(text).toMatch(/Manage preferences: http:\/\/localhost:\d+\/p\/\S+/);

    expect((await messageRows(seeded.messageIds)).every((r) => r.status === "sent" && r.provider_message_id?.startsWith("<msg_"))).toBe(true);
  });

  it("retries a 451 and fails a 550 with the server's reply", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    process.env.HERALD_RETRY_BASE_MS = "30";
    try {
      const seeded = await seedQueuedCampaign({ orgId: org.id, count: 1, connection: { kind: "smtp", host: sink.host, port: sink.port } });
      sink.rejectNext(451, 1);
      await dispatch(seeded.sender.id);
      expect((await messageRows(seeded.messageIds))[0]).toMatchObject({ status: "sent", attempts: 2 });

      const refused = await seedQueuedCampaign({ orgId: org.id, count: 1, connection: { kind: "smtp", host: sink.host, port: sink.port } });
      sink.rejectNext(550, 1);
      await dispatch(refused.sender.id);
      const [row] = await messageRows(refused.messageIds);
      expect(row).toMatchObject({ status: "failed", attempts: 1 });
      expect(row.last_error).toMatch(/^SMTP server answered 550/);
    } finally {
      delete process.env.HERALD_RETRY_BASE_MS;
    }
  });

  it("renders templates with tags: a tracked link inside {% if %}, and a template with {% assign %}", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const html = [
      "<body>",
      '{% if contact.first_name %}<p>Dear {{ contact.first_name }}, <a href="https://example.com/vip">VIP</a></p>{% else %}<p>Hello</p>{% endif %}',
      '{% for t in contact.tags %}<span>{{ t }}</span>{% endfor %}',
      "</body>",
    ].join("");
    const a = await seedQueuedCampaign({ orgId: org.id, count: 1, content: { html, subject: "Tags", preheader: null }, connection: { kind: "smtp", host: sink.host, port: sink.port } });
    const assigned = '<body>{% assign who = contact.first_name | upcase %}<p>{{ who }}</p><p><a href="https://example.com/x">x</a></p></body>';
    const b = await seedQueuedCampaign({ orgId: org.id, count: 1, content: { html: assigned, subject: "Assign", preheader: "Hi {{ contact.first_name }}" }, connection: { kind: "smtp", host: sink.host, port: sink.port } });
    await Promise.all([kickDispatch([a.sender.id, b.sender.id])]);
    await getRunner().idle();

    const parse = async (to: string) => simpleParser(sink.messages.find((m) => m.to[0] === to)!.raw);
    const first = await parse(a.addresses[0]);
    expect(first.html).toContain("<p>Dear Reader1, <a href=");
    expect(tokens(first.html as string, "c").map((t) => verifyToken(t, "click"))).toEqual([{ kind: "click", messageId: a.messageIds[0], linkIndex: 0 }]);
    expect(first.html).toContain("1 Example Street");
    expect(first.text).toContain("Dear Reader1, VIP [https://example.com/vip]");

    const second = await parse(b.addresses[0]);
    expect(second.html).toMatch(/<body><span class="preheader"[^>]*>Hi Reader1/);
    expect(second.html).toContain("<p>READER1</p>");
    expect(tokens(second.html as string, "c").map((t) => verifyToken(t, "click")?.linkIndex)).toEqual([0]);
    expect(tokens(second.html as string, "o")).toHaveLength(1);
    expect(second.text).toContain("READER1");
  });
});

describe("dispatch to the outbox", () => {
  it("keeps e-mail with its headers, and SMS as its rendered body alone", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const email = await seedQueuedCampaign({ orgId: org.id, count: 2 });
    const sms = await seedQueuedCampaign({ orgId: org.id, count: 2, channel: "sms" });
    await kickDispatch([email.sender.id, sms.sender.id]);
    await getRunner().idle();

    const kept = await db.select().from(outboxMessages).where(inArray(outboxMessages.to, [...email.addresses, ...sms.addresses])).orderBy(desc(outboxMessages.createdAt));
    expect(kept).toHaveLength(4);
    const mail = kept.find((k) => k.to === email.addresses[0])!;
    expect(mail.subject).toBe("Hello Reader1");
    expect(mail.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "Message-ID": `<${encodeId("msg", email.messageIds[0])}@herald>` });
    expect(mail.html).toContain("1 Example Street");
    const text = kept.find((k) => k.to === sms.addresses[0])!;
    expect(text).toMatchObject({ channel: "sms", from: "Herald", text: "Hi Reader1, 20% off today. Reply STOP to opt out." });
    const rows = await messageRows([...email.messageIds, ...sms.messageIds]);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    const [outboxRow] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, rows[0].provider_message_id!));
    expect(outboxRow.to).toBe(email.addresses[0]);
  });
});
