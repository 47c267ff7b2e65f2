/**
 * The bodies of mime.ts's messages: a text part as 7bit when it can go as it is, else
 * quoted-printable, written straight into the message's buffer.
 */

const CRLF = "\r\n";
const MAX_LINE = 998;
const NOT_7BIT = /[^\t\n\r\x20-\x7e]/;
export const LINE_BREAKS = /\r\n|\r|\n/g;

export type EncodedPart = { encoding: "7bit" | "quoted-printable"; body: string };

/**
 * A text part in canonical form (CRLF line ends): as it is (7bit) when it is ASCII with no line
 * over 998 octets and without the boundary, else quoted-printable.
 */
export function encodePart(text: string, boundary: string): EncodedPart {
  if (is7bit(text, boundary)) return { encoding: "7bit", body: text.replace(LINE_BREAKS, CRLF) };
  return { encoding: "quoted-printable", body: encodeQuotedPrintable(text) };
}

/** ASCII, no line over 998 octets, and not holding the boundary: sent as it is. */
export const is7bit = (text: string, boundary: string) => !NOT_7BIT.test(text) && !text.includes(boundary) && !hasLongLine(text, "\n");

/** Whether a line of `text` (lines ended by `eol`) is longer than 998 characters. */
export function hasLongLine(text: string, eol: string): boolean {
  if (text.length <= MAX_LINE) return false;
  let start = 0;
  for (;;) {
    const end = text.indexOf(eol, start);
    if ((end < 0 ? text.length : end) - start > MAX_LINE) return true;
    if (end < 0) return false;
    start = end + eol.length;
  }
}

// Encoding is synchronous: one growing buffer serves every call.
let scratch = Buffer.allocUnsafe(256 * 1024);
export const scratchOf = (size: number) => (scratch.length >= size ? scratch : (scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2))));

/**
 * Most output per UTF-16 code unit: a character of 3 UTF-8 bytes, each as =XX, is 9; a soft
 * break (3) at most every 25 encoded bytes adds under 1.1; a CR or LF alone becomes CRLF (2).
 */
export const QP_MAX_PER_UNIT = 11;

/** RFC 2045 quoted-printable of the UTF-8 bytes of `text`, as a string. */
export function encodeQuotedPrintable(text: string): string {
  const out = scratchOf(text.length * QP_MAX_PER_UNIT + 16);
  return out.toString("latin1", 0, quotedPrintableInto(text, out, 0));
}

const HEX = Buffer.from("0123456789ABCDEF", "latin1");
/** Per byte: 0 written as it is, 1 encoded as =XX, 2 white space (as it is unless a line ends after it), 3 a line break. */
const QP_CLASS = new Uint8Array(256).fill(1);
for (let b = 33; b <= 126; b++) QP_CLASS[b] = 0;
QP_CLASS[61] = 1; // "="
QP_CLASS[32] = 2;
QP_CLASS[9] = 2;
QP_CLASS[13] = 3;
QP_CLASS[10] = 3;
// The UTF-8 bytes of the text being encoded (Buffer#write encodes natively, with no new buffer).
let source = Buffer.allocUnsafe(64 * 1024);

/**
 * Quoted-printable of the UTF-8 bytes of `text` written into `out` at `at`; answers the end.
 * Every line break becomes CRLF; `=`, control and 8-bit bytes become =XX, and so does white space
 * before a line end; lines are soft-broken (`=` CRLF) to at most 76 characters. Runs of plain
 * bytes (most of any body) go through a tight inner loop.
 */
export function quotedPrintableInto(text: string, out: Buffer, at: number): number {
  if (source.length < text.length * 3) source = Buffer.allocUnsafe(Math.max(text.length * 3, source.length * 2));
  const src = source;
  const n = src.write(text, 0, "utf8");
  let o = at;
  let col = 0;
  let i = 0;
  while (i < n) {
    const limit = Math.min(n, i + 75 - col);
    let b = 0;
    while (i < limit && QP_CLASS[(b = src[i])] === 0) {
      out[o++] = b;
      i++;
      col++;
    }
    if (i >= n) break;
    b = src[i];
    const cls = QP_CLASS[b];
    if (cls === 3) {
      if (b === 13 && i + 1 < n && src[i + 1] === 10) i++;
      out[o++] = 13;
      out[o++] = 10;
      col = 0;
      i++;
      continue;
    }
    if (cls === 0 || (cls === 2 && i + 1 < n && QP_CLASS[src[i + 1]] !== 3)) {
      if (col >= 75) {
        out[o++] = 61;
        out[o++] = 13;
        out[o++] = 10;
        col = 0;
      }
      out[o++] = b;
      col++;
      i++;
      continue;
    }
    if (col > 72) {
      out[o++] = 61;
      out[o++] = 13;
      out[o++] = 10;
      col = 0;
    }
    out[o++] = 61;
    out[o++] = HEX[b >> 4];
    out[o++] = HEX[b & 15];
    col += 3;
    i++;
  }
  return o;
}
