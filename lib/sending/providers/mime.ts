import { randomBytes } from "node:crypto";
import { domainToASCII } from "node:url";
import { splitAddress } from "./address";
import { hasLongLine, is7bit, LINE_BREAKS, QP_MAX_PER_UNIT, quotedPrintableInto, scratchOf } from "./mime-body";
import type { EmailAddress } from "./types";

/**
 * The RFC 5322 / MIME message the SMTP adapter hands nodemailer's connection pool as finished
 * bytes, built here in one buffer instead of by nodemailer's MIME tree, which composed every message node by
 * node, quoted-printable-encoded each part with per-character regular expressions and streamed it
 * to the socket in many small writes: about two thirds of the dispatch worker's CPU per campaign
 * message (886-1,026 µs per message before, 289-321 after this file and smtp.ts's direct hand-off,
 * in `npm run bench -- campaign`'s SMTP phase on 2 cores).
 *
 * What comes out: CRLF line ends, no line over 998 octets, header lines folded at spaces past 76
 * characters, non-ASCII in the subject, display names and other unstructured values as RFC 2047
 * `=?UTF-8?B?...?=` words; html and text as multipart/alternative (text first, as clients prefer
 * the last part they can show), or the one part there is. A part goes as 7bit when it is ASCII
 * with lines of at most 998 octets (RFC 5322's limit), else quoted-printable, so the message is
 * valid over any server, 8BITMIME or not.
 */

export type MimeInput = {
  from: EmailAddress;
  to: string;
  replyTo?: string;
  subject: string;
  /** The Message-ID header's value, angle brackets included. */
  messageId: string;
  date: Date;
  /** Further headers (List-Unsubscribe, X-Herald-Message-Id ...); these cannot replace the ones above. */
  headers?: Record<string, string>;
  html: string;
  text: string;
};

const CRLF = "\r\n";
const FOLD_AT = 76;
/** Bytes of UTF-8 per encoded word: 52 base64 characters, a 64-character word (RFC 2047 caps words at 75 and lines holding them at 76). */
const WORD_BYTES = 39;

/** Headers built here from the input; a same-named entry of `headers` is dropped, never sent twice. */
const OWN_HEADERS = new Set(["from", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "mime-version", "content-type", "content-transfer-encoding", "sender"]);
const HEADER_NAME = /^[!-9;-~]+$/;
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;
const SPECIALS = /[()<>[\]:;@\\,."]/;

/** A message Herald cannot put into valid MIME: refused before the server sees it, not retried. */
export class MimeError extends Error {
  readonly code = "EMESSAGE";
}

/**
 * A multipart boundary no part can contain by chance: random per builder, with `=_`, which
 * quoted-printable output never holds (`=` is always `=3D` there); a 7bit part that happens to
 * hold it anyway goes quoted-printable (see `is7bit`, mime-body.ts).
 */
export function newBoundary(): string {
  return `=_herald_${randomBytes(12).toString("hex")}`;
}

/** The whole message as bytes: what the transport sends after the DATA command (it dot-stuffs). */
export function buildMessage(m: MimeInput, boundary: string): Buffer {
  let head = "";
  head += header("From", mailbox(m.from));
  head += header("To", mailbox(m.to));
  if (m.replyTo) head += header("Reply-To", mailbox(m.replyTo));
  head += subjectHeader(m.subject);
  head += header("Date", rfc5322Date(m.date));
  head += header("Message-ID", oneLine(m.messageId));
  if (m.headers) {
    for (const key in m.headers) {
      if (!HEADER_NAME.test(key)) throw new MimeError(`Not a header name: ${JSON.stringify(key)}`);
      if (OWN_HEADERS.has(key.toLowerCase())) continue;
      head += unstructured(key, m.headers[key]);
    }
  }
  head += "MIME-Version: 1.0" + CRLF;

  // Written straight into one buffer: the bodies are most of the bytes, and each extra string or
  // buffer of them costs a copy and garbage per message.
  const parts = m.html && m.text ? ([["text/plain", m.text], ["text/html", m.html]] as const) : ([[m.html ? "text/html" : "text/plain", m.html || m.text]] as const);
  let bound = head.length * 3 + 512;
  for (const [, body] of parts) bound += body.length * QP_MAX_PER_UNIT;
  const out = scratchOf(bound);
  let o = out.write(head, 0, "utf8");
  if (parts.length === 1) {
    const [type, body] = parts[0];
    o = writePart(out, o, `Content-Type: ${type}; charset=utf-8${CRLF}`, body, boundary);
  } else {
    o += out.write(`Content-Type: multipart/alternative; boundary="${boundary}"${CRLF}${CRLF}`, o, "latin1");
    for (const [type, body] of parts) {
      o += out.write(`--${boundary}${CRLF}`, o, "latin1");
      o = writePart(out, o, `Content-Type: ${type}; charset=utf-8${CRLF}`, body, boundary);
    }
    o += out.write(`--${boundary}--${CRLF}`, o, "latin1");
  }
  const message = Buffer.allocUnsafe(o);
  out.copy(message, 0, 0, o);
  return message;
}

/** A part's Content-Type, its Content-Transfer-Encoding, a blank line and the encoded body with a line end. */
function writePart(out: Buffer, at: number, contentType: string, body: string, boundary: string): number {
  let o = at + out.write(contentType, at, "latin1");
  if (is7bit(body, boundary)) {
    o += out.write(`Content-Transfer-Encoding: 7bit${CRLF}${CRLF}`, o, "latin1");
    o += out.write(body.replace(LINE_BREAKS, CRLF), o, "latin1");
  } else {
    o += out.write(`Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}`, o, "latin1");
    o = quotedPrintableInto(body, out, o);
  }
  o += out.write(CRLF, o, "latin1");
  return o;
}

// ---------------------------------------------------------------------------------------------
// Headers

/** No header value may break its line: a newline in a value would start a header of its own. */
const oneLine = (s: string) => (s.includes("\r") || s.includes("\n") ? s.replace(/[\r\n]+/g, " ") : s);

const header = (key: string, value: string) => fold(`${key}: ${value}`) + CRLF;

/** An unstructured value: as written when printable ASCII, else as encoded words. */
function unstructured(key: string, raw: string): string {
  const value = oneLine(raw);
  return NOT_PRINTABLE_ASCII.test(value) ? header(key, encodeWords(value)) : header(key, value);
}

/** The subject, as encoded words when it is not printable ASCII or has no place to fold before 998. */
function subjectHeader(raw: string): string {
  const value = oneLine(raw);
  if (!NOT_PRINTABLE_ASCII.test(value)) {
    const line = fold(`Subject: ${value}`);
    if (!hasLongLine(line, CRLF)) return line + CRLF;
  }
  return header("Subject", encodeWords(value));
}

/** `Name <a@b.c>` with the name quoted or encoded as it needs, or the bare address. */
function mailbox(address: EmailAddress): string {
  const { email, name } = splitAddress(address);
  const addr = addrSpec(email);
  if (!name) return addr;
  const display = oneLine(name);
  if (NOT_PRINTABLE_ASCII.test(display)) return `${encodeWords(display)} <${addr}>`;
  return SPECIALS.test(display) ? `"${display.replace(/(["\\])/g, "\\$1")}" <${addr}>` : `${display} <${addr}>`;
}

/** The bare address for the SMTP envelope (MAIL FROM, RCPT TO), written as in the headers. */
export const envelopeAddress = (address: EmailAddress) => addrSpec(splitAddress(address).email);

/** The address with an internationalized domain in its ASCII (punycode) form; a non-ASCII local part needs SMTPUTF8 and is left as it is. */
function addrSpec(raw: string): string {
  const email = oneLine(raw).trim();
  if (/[\s<>]/.test(email)) throw new MimeError(`Not an e-mail address: ${JSON.stringify(email)}`);
  if (!NOT_PRINTABLE_ASCII.test(email)) return email;
  const at = email.lastIndexOf("@");
  if (at < 0) return email;
  const domain = domainToASCII(email.slice(at + 1));
  if (!domain) throw new MimeError(`Not an e-mail domain: ${JSON.stringify(email.slice(at + 1))}`);
  return `${email.slice(0, at)}@${domain}`;
}

/**
 * RFC 2047 B-encoded words of at most WORD_BYTES bytes each, cut between characters (a word
 * must decode on its own), separated by folding white space, which decoders drop between words.
 */
export function encodeWords(value: string): string {
  const words: string[] = [];
  let chunk = "";
  let bytes = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + size > WORD_BYTES) {
      words.push(chunk);
      chunk = "";
      bytes = 0;
    }
    chunk += ch;
    bytes += size;
  }
  if (chunk || !words.length) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join(CRLF + " ");
}

/**
 * A header line folded (CRLF before a space) wherever it passes FOLD_AT characters and a space
 * allows; a line already holding CRLF (encoded words) is folded per line. Unfolding restores the
 * value exactly.
 */
function fold(line: string): string {
  if (line.length <= FOLD_AT) return line;
  if (line.includes(CRLF)) return line.split(CRLF).map(fold).join(CRLF);
  let out = "";
  let start = 0;
  while (line.length - start > FOLD_AT) {
    let at = line.lastIndexOf(" ", start + FOLD_AT);
    // A break needs text before it on its line (a line of white space alone is not a header line).
    while (at > start && line.charCodeAt(at - 1) === 32) at--;
    if (at <= start + 1) {
      at = line.indexOf(" ", start + FOLD_AT + 1);
      while (at > 0 && line.charCodeAt(at + 1) === 32) at++;
      if (at < 0 || at >= line.length - 1) break;
    }
    out += line.slice(start, at) + CRLF;
    start = at;
  }
  return out + line.slice(start);
}

let lastDate = { second: -1, text: "" };

/** `Wed, 02 Dec 2026 05:00:00 +0000`; the same second is formatted once. */
export function rfc5322Date(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (lastDate.second !== second) lastDate = { second, text: date.toUTCString().replace("GMT", "+0000") };
  return lastDate.text;
}
