import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";
import { secrets } from "@/lib/env";

/**
 * Tokens in tracking and unsubscribe links: `/t/o/<token>` (open pixel), `/t/c/<token>` (click),
 * `/u/<token>` (unsubscribe). A hit is verified from the token alone, without a database read,
 * and a token says only which message (and which of its links): the click target is looked up
 * from what Herald stored at send time, so no token can make Herald redirect anywhere else.
 *
 * Wire format, base64url without padding (19 to 32 characters):
 *   byte 0          version (high nibble, 1) and kind (low nibble: 1 open, 2 click, 3 unsub)
 *   varint          message id (unsigned LEB128, minimal, 1 .. 2^53-1)
 *   varint          link index (click tokens only; 0 .. 2^31-1)
 *   12 bytes        HMAC-SHA256(key for the kind, all the bytes before), truncated to 96 bits
 * The key for each kind is HMAC-SHA256(app HMAC key, "herald.tracking.v1.<kind>"), so a MAC
 * made for one kind (or for any other signed link in Herald) is worthless as another, and the
 * kind byte itself is covered by the MAC. Verification compares the MAC in constant time and
 * accepts only the one canonical spelling of a token, so every altered character is refused.
 */

export type TrackingKind = "open" | "click" | "unsub";

export type TrackingClaims = { kind: TrackingKind; messageId: number; linkIndex?: number };

const VERSION = 1;
const MAC_BYTES = 12;
const KIND_CODES: Record<TrackingKind, number> = { open: 1, click: 2, unsub: 3 };
const KINDS_BY_CODE = new Map(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind as TrackingKind]));
const MAX_LINK_INDEX = 2 ** 31 - 1;
// Longest token: 1 + 8 + 5 + 12 bytes = 26 bytes = 35 characters.
const MAX_TOKEN_LENGTH = 40;
const TOKEN_CHARS = /^[A-Za-z0-9_-]+$/;

let derived: { root: string; keys: Map<TrackingKind, KeyObject> } | undefined;

/**
 * The per-kind key, derived once per app key (a test that changes the key gets new ones). A
 * KeyObject, so each MAC skips copying and checking raw key bytes: dispatch signs several tokens
 * per message.
 */
function keyFor(kind: TrackingKind): KeyObject {
  const root = secrets().hmacKey;
  if (derived?.root !== root) derived = { root, keys: new Map() };
  let key = derived.keys.get(kind);
  if (!key) {
    key = createSecretKey(createHmac("sha256", root).update(`herald.tracking.v1.${kind}`).digest());
    derived.keys.set(kind, key);
  }
  return key;
}

const macOf = (kind: TrackingKind, payload: Buffer) => createHmac("sha256", keyFor(kind)).update(payload).digest().subarray(0, MAC_BYTES);

/** Writes `value` as a minimal varint at `at`; returns the position after it. */
function writeVarint(out: Buffer, at: number, value: number): number {
  // Arithmetic, not bit operators: ids go past 32 bits.
  let v = value;
  let i = at;
  while (v >= 0x80) {
    out[i++] = (v % 0x80) + 0x80;
    v = Math.floor(v / 0x80);
  }
  out[i++] = v;
  return i;
}

/** Reads a minimal varint at `at`; null when it runs off the end, is padded, or exceeds 2^53-1. */
function readVarint(buf: Buffer, at: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = at; i < buf.length && i - at < 8; i++) {
    const byte = buf[i];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      const padded = byte === 0 && i > at;
      return padded || !Number.isSafeInteger(value) ? null : { value, next: i + 1 };
    }
    scale *= 0x80;
  }
  return null;
}

// The token being signed, payload then MAC, encoded straight from here: signing is synchronous,
// so one buffer serves every call, and a token costs no intermediate buffers (dispatch signs
// several per message, millions per campaign).
const scratch = Buffer.alloc(1 + 8 + 5 + MAC_BYTES);

function sign(kind: TrackingKind, messageId: number, linkIndex?: number): string {
  if (!Number.isSafeInteger(messageId) || messageId < 1) throw new RangeError(`Not a message id: ${messageId}`);
  if (kind === "click" && (!Number.isSafeInteger(linkIndex) || linkIndex! < 0 || linkIndex! > MAX_LINK_INDEX)) throw new RangeError(`Not a link index: ${linkIndex}`);
  scratch[0] = (VERSION << 4) | KIND_CODES[kind];
  let end = writeVarint(scratch, 1, messageId);
  if (kind === "click") end = writeVarint(scratch, end, linkIndex!);
  createHmac("sha256", keyFor(kind)).update(scratch.subarray(0, end)).digest().copy(scratch, end, 0, MAC_BYTES);
  return scratch.toString("base64url", 0, end + MAC_BYTES);
}

export const openToken = (messageId: number) => sign("open", messageId);
export const clickToken = (messageId: number, linkIndex: number) => sign("click", messageId, linkIndex);
export const unsubscribeToken = (messageId: number) => sign("unsub", messageId);

/**
 * The claims of an intact token, or null for anything else (altered, truncated, signed with
 * another key, not a token at all). With `expected`, a token of another kind is null too: the
 * click route passes "click" so an open token can never be used as a click.
 */
export function verifyToken(token: unknown, expected?: TrackingKind): TrackingClaims | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH || !TOKEN_CHARS.test(token)) return null;
  const buf = Buffer.from(token, "base64url");
  // Base64url has spare bits in its last character: only the canonical spelling is the token.
  if (buf.length < 2 + MAC_BYTES || buf.toString("base64url") !== token) return null;

  const payload = buf.subarray(0, buf.length - MAC_BYTES);
  const kind = payload[0] >> 4 === VERSION ? KINDS_BY_CODE.get(payload[0] & 0x0f) : undefined;
  if (!kind || (expected && kind !== expected)) return null;
  if (!timingSafeEqual(buf.subarray(buf.length - MAC_BYTES), macOf(kind, payload))) return null;

  const id = readVarint(payload, 1);
  if (!id || id.value < 1) return null;
  if (kind !== "click") return id.next === payload.length ? { kind, messageId: id.value } : null;
  const link = readVarint(payload, id.next);
  if (!link || link.next !== payload.length || link.value > MAX_LINK_INDEX) return null;
  return { kind, messageId: id.value, linkIndex: link.value };
}

const trimBase = (baseUrl: string) => baseUrl.replace(/\/+$/, "");

/** `<base>/t/o/<token>`: the open pixel's address. */
export const openPixelUrl = (baseUrl: string, messageId: number) => `${trimBase(baseUrl)}/t/o/${openToken(messageId)}`;

/** `<base>/t/c/<token>`: the tracked address of the message's link number `linkIndex`. */
export const clickUrl = (baseUrl: string, messageId: number, linkIndex: number) => `${trimBase(baseUrl)}/t/c/${clickToken(messageId, linkIndex)}`;

/** `<base>/u/<token>`: the unsubscribe page and RFC 8058 one-click target. */
export const unsubscribeUrl = (baseUrl: string, messageId: number) => `${trimBase(baseUrl)}/u/${unsubscribeToken(messageId)}`;
