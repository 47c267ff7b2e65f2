import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendgridProvider } from "@/lib/sending/providers/sendgrid";
import { renderShared } from "@/lib/sending/providers/substitutions";
import type { OutgoingEmail } from "@/lib/sending/providers/types";
import { startSendgridFake, validateMailSend, type SendgridFake } from "@/tests/fakes/sendgrid";

let fake: SendgridFake;
beforeAll(async () => {
  fake = await startSendgridFake({ apiKey: "SG.test.key" });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const provider = () => sendgridProvider("SG.test.key", fake.url);

/** A campaign message: one shared body, per-recipient values (name, tracked link, unsubscribe). */
function campaignMessage(i: number, key = "tpl_welcome:1"): OutgoingEmail {
  const values = { "%name%": `Person ${i}`, "%link%": `https://h.test/t/c/tok${i}`, "%unsub%": `https://h.test/u/unsub${i}` };
  const shared = {
    key,
    subject: "Hello %name%",
    html: '<p>Hi %name%</p><a href="%link%">Read</a><p><a href="%unsub%">Unsubscribe</a></p>',
    text: "Hi %name%\nRead: %link%\nUnsubscribe: %unsub%",
    values,
  };
  return {
    messageId: `msg_${String(i).padStart(6, "0")}`,
    from: { email: "team@example.com", name: "The Team" },
    to: `r${i}@example.com`,
    ...renderShared(shared),
    headers: { "List-Unsubscribe": `<https://h.test/u/unsub${i}>, <mailto:unsub@h.test?subject=${i}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    customArgs: { campaign_id: "cmp_1" },
    shared,
  };
}

const plain = (i: number, html = "<p>Same for all</p>"): OutgoingEmail => ({
  messageId: `msg_p${i}`,
  from: "Team <team@example.com>",
  to: `p${i}@example.com`,
  subject: `Subject ${i}`,
  html,
  text: "Same for all",
});

describe("sendgrid adapter", () => {
  it("sends one message: 202 is ok with X-Message-Id, Herald's id rides in custom_args", async () => {
    const [res] = await provider().sendBatch([campaignMessage(1)]);
    expect(res).toEqual({ ok: true, providerMessageId: fake.requests[0].xMessageId });
    const p = fake.requests[0].body.personalizations[0];
    expect(p.custom_args).toEqual({ campaign_id: "cmp_1", herald_message_id: "msg_000001" });
    expect(p.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(fake.requests[0].body.from).toEqual({ email: "team@example.com", name: "The Team" });
    expect(fake.requests[0].body.content?.map((c) => c.type)).toEqual(["text/plain", "text/html"]);
  });

  it("sends a batch of 1,000 personalised messages in ONE call, each recipient getting exactly its rendering", async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => campaignMessage(i));
    const results = await provider().sendBatch(batch);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].body.personalizations).toHaveLength(1000);
    expect(results.every((r) => r.ok)).toBe(true);
    const delivered = fake.delivered();
    for (const [i, m] of batch.entries()) {
      expect(delivered[i]).toMatchObject({ to: m.to, subject: m.subject, html: m.html, text: m.text });
      expect(delivered[i].customArgs.herald_message_id).toBe(m.messageId);
      expect(delivered[i].headers["List-Unsubscribe"]).toBe(m.headers!["List-Unsubscribe"]);
    }
  });

  it("splits 1,001 messages into two calls and keeps results in input order", async () => {
    const batch = Array.from({ length: 1001 }, (_, i) => campaignMessage(i));
    const results = await provider().sendBatch(batch);
    expect(fake.requests.map((r) => r.body.personalizations.length).sort((a, b) => a - b)).toEqual([1, 1000]);
    const last = results[1000];
    expect(last.ok && last.providerMessageId).toBe(fake.requests.find((r) => r.body.personalizations.length === 1)!.xMessageId);
  });

  it("without a shared body: identical bodies share a call, distinct bodies get their own", async () => {
    const results = await provider().sendBatch([plain(1), plain(2), plain(3, "<p>Different</p>"), plain(4)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.requests.map((r) => r.body.personalizations.length).sort()).toEqual([1, 3]);
    expect(fake.delivered().find((d) => d.to === "p2@example.com")?.subject).toBe("Subject 2");
  });

  it("falls back to the rendered body when a message's substitutions pass SendGrid's 10,000-byte limit", async () => {
    const big = campaignMessage(7);
    big.shared = { ...big.shared!, values: { ...big.shared!.values, "%pad%": "x".repeat(10_001) } };
    const results = await provider().sendBatch([campaignMessage(1), big, campaignMessage(2)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.requests).toHaveLength(2);
    const alone = fake.requests.find((r) => r.body.personalizations.length === 1)!;
    expect(alone.body.personalizations[0].substitutions).toBeUndefined();
    expect(alone.body.content?.[1].value).toBe(big.html);
  });

  it("drops headers SendGrid reserves instead of having the whole call refused", async () => {
    const m = { ...plain(1), headers: { "Content-Type": "text/x", "X-Entity-Ref-ID": "abc" } };
    await provider().send(m);
    expect(fake.requests[0].body.personalizations[0].headers).toEqual({ "X-Entity-Ref-ID": "abc" });
  });

  it.each([
    [429, true],
    [500, true],
    [503, true],
  ])("answers %i as retryable for every message of the call", async (status, retryable) => {
    fake.failNext(status);
    const results = await provider().sendBatch([campaignMessage(1), campaignMessage(2)]);
    expect(results).toHaveLength(2);
    for (const r of results) expect(r).toMatchObject({ ok: false, retryable, status });
  });

  it("answers a 400 as final, with SendGrid's own message", async () => {
    fake.failNext(400, 1, "The from address does not match a verified Sender Identity.");
    const [r] = await provider().sendBatch([campaignMessage(1)]);
    expect(r).toMatchObject({ ok: false, retryable: false, status: 400 });
    expect(!r.ok && r.error).toContain("does not match a verified Sender Identity");
  });

  it("answers a refused key (401) as final", async () => {
    const [r] = await sendgridProvider("SG.wrong.key", fake.url).sendBatch([campaignMessage(1)]);
    expect(r).toMatchObject({ ok: false, retryable: false, status: 401 });
  });

  it("answers an unreachable API as retryable", async () => {
    const [r] = await sendgridProvider("SG.test.key", "http://127.0.0.1:1").sendBatch([campaignMessage(1)]);
    expect(r).toMatchObject({ ok: false, retryable: true });
  });

  it("refuses a message with no body without calling SendGrid, and still sends the rest", async () => {
    const empty = { ...plain(1), html: "", text: "" };
    const results = await provider().sendBatch([empty, plain(2)]);
    expect(results[0]).toMatchObject({ ok: false, retryable: false });
    expect(results[1].ok).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  it("tests the connection through /v3/scopes", async () => {
    expect(await provider().test()).toEqual({ ok: true });
    const bad = await sendgridProvider("SG.wrong.key", fake.url).test();
    expect(bad.ok).toBe(false);
    const narrow = await startSendgridFake({ scopes: ["user.account.read"] });
    try {
      expect(await sendgridProvider("SG.any.key", narrow.url).test()).toMatchObject({ ok: false, error: expect.stringContaining("mail.send") });
    } finally {
      await narrow.close();
    }
  });
});

describe("the SendGrid fake validates bodies as SendGrid documents them", () => {
  const ok = { personalizations: [{ to: [{ email: "a@b.co" }] }], from: { email: "f@b.co" }, subject: "s", content: [{ type: "text/plain", value: "x" }] };
  it.each([
    ["no personalizations", { ...ok, personalizations: [] }, "personalizations"],
    ["too many personalizations", { ...ok, personalizations: Array.from({ length: 1001 }, () => ok.personalizations[0]) }, "personalizations"],
    ["an invalid to", { ...ok, personalizations: [{ to: [{ email: "nope" }] }] }, "personalizations.0.to"],
    ["no from", { ...ok, from: undefined }, "from.email"],
    ["no subject anywhere", { ...ok, subject: undefined }, "subject"],
    ["html before text", { ...ok, content: [{ type: "text/html", value: "<p>x</p>" }, { type: "text/plain", value: "x" }] }, "content.0.type"],
    ["empty content value", { ...ok, content: [{ type: "text/plain", value: "" }] }, "content.0"],
  ])("refuses %s", (_label, body, field) => {
    expect(validateMailSend(body as Record<string, unknown>)?.field).toBe(field);
  });
  it("accepts a valid body", () => expect(validateMailSend(ok)).toBeNull());
});
