import fc from "fast-check";
import { simpleParser, type ParsedMail } from "mailparser";
import { describe, expect, it } from "vitest";
import { buildMessage, envelopeAddress, MimeError, newBoundary, type MimeInput } from "@/lib/sending/providers/mime";
import { encodePart, encodeQuotedPrintable } from "@/lib/sending/providers/mime-body";

const BOUNDARY = newBoundary();
const DATE = new Date("2026-12-02T05:06:07Z");

const input = (over: Partial<MimeInput> = {}): MimeInput => ({
  from: { email: "news@mail.example.com", name: "Example News" },
  to: "reader@example.org",
  replyTo: "replies@mail.example.com",
  subject: "Issue 1",
  messageId: "<msg_abc@mail.example.com>",
  date: DATE,
  headers: {
    "List-Unsubscribe": "<https://h.test/u/tok>, <mailto:unsubscribe@h.test?subject=unsubscribe-tok>",
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "X-Herald-Message-Id": "msg_abc",
  },
  html: "<html><body><p>Hello reader</p></body></html>",
  text: "Hello reader",
  ...over,
});

const parse = (m: MimeInput) => simpleParser(buildMessage(m, BOUNDARY));
const line = (parsed: ParsedMail, key: string) => parsed.headerLines.find((h) => h.key === key)?.line;
const lf = (s: string) => s.replace(/\r\n|\r|\n/g, "\n");

/** What RFC 5322 and 2045 ask of every line: CRLF ends, nothing over 998 octets. */
function expectWellFormed(raw: Buffer) {
  const text = raw.toString("latin1");
  expect(text.endsWith("\r\n")).toBe(true);
  const lines = text.slice(0, -2).split("\r\n");
  for (const l of lines) {
    expect(l).not.toMatch(/[\r\n]/);
    expect(l.length).toBeLessThanOrEqual(998);
  }
  const blank = lines.indexOf("");
  // Header lines: folded past 76 where a space allows; continuation lines start with white space.
  for (const l of lines.slice(0, blank)) expect(/^[!-9;-~]+: /.test(l) || /^[ \t]\S/.test(l)).toBe(true);
  return lines;
}

describe("buildMessage", () => {
  it("writes every header and both parts, which parse back with mailparser", async () => {
    const raw = buildMessage(input(), BOUNDARY);
    expectWellFormed(raw);
    const parsed = await simpleParser(raw);
    expect(parsed.from?.value[0]).toEqual({ address: "news@mail.example.com", name: "Example News" });
    expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value[0].address).toBe("reader@example.org");
    expect(parsed.replyTo?.value[0].address).toBe("replies@mail.example.com");
    expect(parsed.subject).toBe("Issue 1");
    expect(parsed.messageId).toBe("<msg_abc@mail.example.com>");
    expect(parsed.date?.toISOString()).toBe(DATE.toISOString());
    expect(line(parsed, "date")).toBe("Date: Wed, 02 Dec 2026 05:06:07 +0000");
    expect(line(parsed, "mime-version")).toBe("MIME-Version: 1.0");
    expect(line(parsed, "list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(parsed.headers.get("list")).toMatchObject({ unsubscribe: { url: "https://h.test/u/tok", mail: "unsubscribe@h.test?subject=unsubscribe-tok" } });
    expect(parsed.headers.get("x-herald-message-id")).toBe("msg_abc");
    expect(parsed.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    expect(parsed.text).toBe("Hello reader");
    expect(parsed.html).toBe("<html><body><p>Hello reader</p></body></html>");
    // Text first: clients show the last alternative they can.
    const body = raw.toString("latin1");
    expect(body.indexOf("text/plain")).toBeLessThan(body.indexOf("text/html"));
  });

  it("sends ASCII bodies with lines up to 998 octets as 7bit with CRLF line ends", async () => {
    const html = `<p>${"a".repeat(990)}</p>\n<p>two</p>\r\n<p>three</p>\r<p>four</p>`;
    const raw = buildMessage(input({ html, text: "line 1\nline 2\n\n-- \nsig" }), BOUNDARY);
    const lines = expectWellFormed(raw);
    expect(lines.filter((l) => l === "Content-Transfer-Encoding: 7bit")).toHaveLength(2);
    const parsed = await simpleParser(raw);
    expect(lf(parsed.html as string)).toBe(lf(html));
    expect(lf(parsed.text!)).toBe("line 1\nline 2\n\n-- \nsig");
  });

  it("encodes long lines, non-ASCII and trailing white space as quoted-printable that decodes exactly", async () => {
    const html = `<body style="x">${"Grüße, 世界 & 🎉 — ".repeat(200)}</body>`;
    const text = `trailing space \nand tab\t\n=equals= and .dots\n.leading dot\nnaïve end `;
    const raw = buildMessage(input({ html, text }), BOUNDARY);
    const lines = expectWellFormed(raw);
    expect(lines.filter((l) => l === "Content-Transfer-Encoding: quoted-printable")).toHaveLength(2);
    const body = lines.slice(lines.indexOf(""));
    for (const l of body) expect(l.length).toBeLessThanOrEqual(76);
    const parsed = await simpleParser(raw);
    expect(parsed.html).toBe(html);
    expect(lf(parsed.text!)).toBe(lf(text));
  });

  it("encodes a non-ASCII subject and display names as RFC 2047 words, long ones folded", async () => {
    const subject = `Grüße aus München, ${"Ünïcödé ".repeat(12)}🎉 — 日本語のテキスト`;
    const raw = buildMessage(
      input({
        from: { email: "news@mail.example.com", name: "Jörg Müller, Acme" },
        to: "Zoë Ærøskøbing <zoe@example.org>",
        replyTo: '"Replies, Inc." <replies@mail.example.com>',
        subject,
      }),
      BOUNDARY,
    );
    const lines = expectWellFormed(raw);
    for (const l of lines.slice(0, lines.indexOf(""))) if (l.includes("=?UTF-8?B?")) expect(l.length).toBeLessThanOrEqual(76);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.from?.value[0]).toEqual({ address: "news@mail.example.com", name: "Jörg Müller, Acme" });
    expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value[0]).toEqual({ address: "zoe@example.org", name: "Zoë Ærøskøbing" });
    expect(parsed.replyTo?.value[0]).toEqual({ address: "replies@mail.example.com", name: "Replies, Inc." });
  });

  it("folds a long ASCII subject at spaces, and encodes one with no place to fold", async () => {
    const spaced = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
    const unbroken = "x".repeat(1500);
    for (const subject of [spaced, unbroken]) {
      const raw = buildMessage(input({ subject }), BOUNDARY);
      expectWellFormed(raw);
      expect((await simpleParser(raw)).subject).toBe(subject);
    }
  });

  it("keeps a newline in a value from starting a header, and the built headers from being replaced", async () => {
    const raw = buildMessage(
      input({ subject: "Hi\r\nBcc: victim@example.org", headers: { From: "evil@example.org", "X-Note": "a\nb", "X-Herald-Message-Id": "msg_abc" } }),
      BOUNDARY,
    );
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe("Hi Bcc: victim@example.org");
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headerLines.filter((h) => h.key === "from")).toHaveLength(1);
    expect(parsed.from?.value[0].address).toBe("news@mail.example.com");
    expect(parsed.headers.get("x-note")).toBe("a b");
    expect(() => buildMessage(input({ headers: { "Bad Name": "x" } }), BOUNDARY)).toThrow(MimeError);
    expect(() => buildMessage(input({ to: "a@b.c\r\nBcc: x@y.z" }), BOUNDARY)).toThrow(MimeError);
  });

  it("sends a lone part without a multipart wrapper", async () => {
    const textOnly = await parse(input({ html: "" }));
    expect(textOnly.headers.get("content-type")).toMatchObject({ value: "text/plain", params: { charset: "utf-8" } });
    // A lone part's body runs to the end of the message, its last line end included.
    expect(textOnly.text).toBe("Hello reader\n");
    expect(textOnly.html).toBe(false);
    const htmlOnly = await parse(input({ text: "" }));
    expect(htmlOnly.headers.get("content-type")).toMatchObject({ value: "text/html", params: { charset: "utf-8" } });
    expect(htmlOnly.html).toBe("<html><body><p>Hello reader</p></body></html>\n");
  });

  it("encodes an IDN domain as punycode", async () => {
    const raw = buildMessage(input({ to: "Reader <reader@bücher.example>" }), BOUNDARY).toString("latin1");
    expect(raw).toContain("\r\nTo: Reader <reader@xn--bcher-kva.example>\r\n");
    // The envelope names the same address as the header.
    expect(envelopeAddress("Reader <reader@bücher.example>")).toBe("reader@xn--bcher-kva.example");
    expect(envelopeAddress({ email: "news@mail.example.com", name: "News" })).toBe("news@mail.example.com");
  });
});

describe("encodePart", () => {
  it("never leaves the boundary in a part", () => {
    const part = encodePart(`look: --${BOUNDARY}--`, BOUNDARY);
    expect(part.encoding).toBe("quoted-printable");
    expect(part.body).not.toContain(BOUNDARY);
  });

  it("writes quoted-printable that decodes to the text's UTF-8 bytes exactly (RFC 2045 rules checked line by line)", () => {
    const decode = (qp: string) => {
      const bytes: number[] = [];
      qp.split("\r\n").forEach((l, i, all) => {
        const soft = l.endsWith("=");
        const body = soft ? l.slice(0, -1) : l;
        for (let k = 0; k < body.length; k++) {
          if (body[k] === "=") {
            expect(body.slice(k + 1, k + 3)).toMatch(/^[0-9A-F]{2}$/);
            bytes.push(parseInt(body.slice(k + 1, k + 3), 16));
            k += 2;
          } else bytes.push(body.charCodeAt(k));
        }
        if (!soft && i < all.length - 1) bytes.push(13, 10);
      });
      return Buffer.from(bytes);
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "b", ".", " ", "\t", "\n", "\r", "\r\n", "=", "é", "€", "🎉", "\u0000", "\u007f", "\ud800"), maxLength: 600 }), (text) => {
        const qp = encodeQuotedPrintable(text);
        for (const l of qp.split("\r\n")) {
          expect(l.length).toBeLessThanOrEqual(76);
          expect(l).toMatch(/^[\x21-\x7e \t]*$/);
          expect(l).not.toMatch(/[ \t]$/);
        }
        expect(decode(qp).equals(Buffer.from(text.replace(/\r\n|\r|\n/g, "\r\n"), "utf8"))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips any text through quoted-printable, lines of at most 76 characters", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 400 }), fc.string({ unit: fc.constantFrom("a", " ", "\t", "\n", "\r", "=", ".", "é", "\u0000"), maxLength: 300 }), async (a, b) => {
        const text = a + b;
        const qp = encodeQuotedPrintable(text);
        for (const l of qp.split("\r\n")) {
          expect(l.length).toBeLessThanOrEqual(76);
          expect(l).toMatch(/^[\x21-\x7e \t]*$/);
          expect(l).not.toMatch(/[ \t]$/);
        }
        const parsed = await simpleParser(buildMessage(input({ html: "<p>x</p>", text: `x${text}x` }), BOUNDARY));
        expect(lf(parsed.text!)).toBe(lf(`x${text}x`));
      }),
      { numRuns: 150 },
    );
  });
});
