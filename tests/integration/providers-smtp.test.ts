import { simpleParser } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { smtpProvider } from "@/lib/sending/providers/smtp";
import type { EmailProvider, OutgoingEmail } from "@/lib/sending/providers/types";
import { startSmtpSink, type SmtpSink } from "@/tests/fakes/smtp-sink";

let sink: SmtpSink;
let provider: EmailProvider;
beforeAll(async () => {
  sink = await startSmtpSink();
  provider = smtpProvider({ host: sink.host, port: sink.port, tls: "none", user: "relay-user", password: "relay-pass", fromDomain: "mail.example.com" });
});
afterAll(async () => {
  await provider.close();
  await sink.close();
});
beforeEach(() => {
  sink.messages.length = 0;
  sink.refuseLogins(false);
});

const message = (i: number): OutgoingEmail => ({
  messageId: `msg_smtp${i}`,
  from: { email: "news@mail.example.com", name: "Example News" },
  to: `reader${i}@example.org`,
  replyTo: "replies@mail.example.com",
  subject: `Issue ${i}`,
  html: `<p>Hello reader ${i}</p>`,
  text: `Hello reader ${i}`,
  headers: { "List-Unsubscribe": `<https://h.test/u/t${i}>, <mailto:unsub@h.test>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
});

describe("smtp adapter", () => {
  it("delivers a message whose headers and parts parse back with mailparser", async () => {
    const [res] = await provider.sendBatch([message(1)]);
    expect(res).toEqual({ ok: true, providerMessageId: "<msg_smtp1@mail.example.com>" });
    expect(sink.logins[0]).toEqual({ username: "relay-user", password: "relay-pass" });
    const parsed = await simpleParser(sink.messages[0].raw);
    expect(parsed.from?.value[0]).toEqual({ address: "news@mail.example.com", name: "Example News" });
    expect(parsed.messageId).toBe("<msg_smtp1@mail.example.com>");
    expect(parsed.date).toBeInstanceOf(Date);
    expect(Math.abs(parsed.date!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(parsed.subject).toBe("Issue 1");
    // mailparser folds List-* headers into `list`; the raw lines show them exactly as sent.
    const line = (key: string) => parsed.headerLines.find((h) => h.key === key)?.line;
    expect(line("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(line("list-unsubscribe")).toBe("List-Unsubscribe: <https://h.test/u/t1>, <mailto:unsub@h.test>");
    expect(parsed.headers.get("list")).toMatchObject({ unsubscribe: { url: "https://h.test/u/t1", mail: "unsub@h.test" } });
    expect(parsed.headers.get("x-herald-message-id")).toBe("msg_smtp1");
    expect(parsed.replyTo?.value[0].address).toBe("replies@mail.example.com");
    expect(parsed.text?.trim()).toBe("Hello reader 1");
    expect(parsed.html).toContain("<p>Hello reader 1</p>");
  });

  it("carries non-ASCII names and subject, long lines and leading dots intact through the server", async () => {
    const html = `<p style="color:#111">${"Grüße aus Köln — ".repeat(120)}</p>\n.not-a-terminator\n.\n<p>end</p>`;
    const text = "Hallo Jörg,\n.\n..two dots\nbye";
    const [res] = await provider.sendBatch([
      { ...message(7), from: { email: "news@mail.example.com", name: "Bäckerei Müller, Köln" }, to: "jorg@example.org", subject: "Frische Brötchen für Jörg 🥐", html, text },
    ]);
    expect(res.ok).toBe(true);
    const sunk = sink.messages[0];
    expect(sunk.from).toBe("news@mail.example.com");
    expect(sunk.to).toEqual(["jorg@example.org"]);
    const rawLines = sunk.raw.toString("latin1").split("\r\n");
    expect(rawLines.every((l) => l.length <= 998 && !/[\r\n]/.test(l))).toBe(true);
    const parsed = await simpleParser(sunk.raw);
    expect(parsed.subject).toBe("Frische Brötchen für Jörg 🥐");
    expect(parsed.from?.value[0]).toEqual({ address: "news@mail.example.com", name: "Bäckerei Müller, Köln" });
    expect((parsed.html as string).replace(/\r\n/g, "\n")).toBe(html);
    expect(parsed.text?.replace(/\r\n/g, "\n")).toBe(text);
    expect(parsed.headers.get("x-herald-message-id")).toBe("msg_smtp7");
  });

  it("sends a batch through the pool, one result per message in order", async () => {
    const batch = Array.from({ length: 40 }, (_, i) => message(i));
    const results = await provider.sendBatch(batch);
    expect(results.map((r) => r.ok && r.providerMessageId)).toEqual(batch.map((m) => `<${m.messageId}@mail.example.com>`));
    expect(sink.messages).toHaveLength(40);
  });

  it("answers a 4xx reply as retryable and a 5xx reply as final", async () => {
    sink.rejectNext(451);
    const [temp] = await provider.sendBatch([message(1)]);
    expect(temp).toMatchObject({ ok: false, retryable: true, status: 451 });
    sink.rejectNext(550, 1, "5.1.1 No such user here");
    const [perm] = await provider.sendBatch([message(2)]);
    expect(perm).toMatchObject({ ok: false, retryable: false, status: 550 });
    expect(!perm.ok && perm.error).toContain("No such user");
    const [after] = await provider.sendBatch([message(3)]);
    expect(after.ok).toBe(true);
  });

  it("answers a server that cannot be reached as retryable", async () => {
    const gone = smtpProvider({ host: "127.0.0.1", port: 1, tls: "none" });
    try {
      const [r] = await gone.sendBatch([message(1)]);
      expect(r).toMatchObject({ ok: false, retryable: true });
    } finally {
      await gone.close();
    }
  });

  it("answers a closed adapter's messages as retryable instead of leaving them waiting", async () => {
    const closed = smtpProvider({ host: sink.host, port: sink.port, tls: "none" });
    await closed.close();
    const [r] = await closed.sendBatch([message(1)]);
    expect(r).toMatchObject({ ok: false, retryable: true });
    expect(sink.messages).toHaveLength(0);
  });

  it("tests the connection with a verified login", async () => {
    const fresh = smtpProvider({ host: sink.host, port: sink.port, tls: "none", user: "u", password: "p" });
    try {
      expect(await fresh.test()).toEqual({ ok: true });
      sink.refuseLogins();
      const res = await fresh.test();
      expect(res.ok).toBe(false);
      expect(!res.ok && res.error).toContain("535");
    } finally {
      await fresh.close();
    }
  });
});

it("lets a message the server is taking finish when the adapter closes (a connection saved mid-batch): sent once, reported sent", async () => {
  const { SMTPServer } = await import("smtp-server");
  const received: Buffer[] = [];
  // A server slow to answer DATA: the message is in flight when close() is called.
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => setTimeout(() => (received.push(Buffer.concat(chunks)), done()), 400));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.server.address() as import("node:net").AddressInfo).port;
    const slow = smtpProvider({ host: "127.0.0.1", port, tls: "none" });
    const pending = slow.sendBatch([{ messageId: "msg_x1", from: "a@example.com", to: "b@example.org", subject: "s", html: "", text: "hi", headers: {} }]);
    await new Promise((r) => setTimeout(r, 200));
    await slow.close();
    const [r] = await pending;
    expect(r).toMatchObject({ ok: true });
    expect(received).toHaveLength(1);
    // Closed now: a new message is refused at once, not left waiting.
    expect((await slow.sendBatch([{ messageId: "msg_x2", from: "a@example.com", to: "b@example.org", subject: "s", html: "", text: "hi", headers: {} }]))[0]).toMatchObject({ ok: false, retryable: true });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
