import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";

/** How far `X-Herald-Timestamp` may be from our clock, either way: older is a replay. */
export const SMS_MAX_SKEW_SECONDS = 10 * 60;

export type SmsSignatureInput = {
  /** The connection's token (the one Herald sends the gateway as a Bearer token). */
  token: string;
  /** `X-Herald-Signature`: hex HMAC-SHA256 of `<timestamp>.<raw body>`; a `sha256=` prefix is accepted. */
  signature: string | null;
  /** `X-Herald-Timestamp`: Unix seconds when the gateway signed the request. */
  timestamp: string | null;
  rawBody: Buffer;
  now?: Date;
};

/**
 * The HTTP SMS gateway's webhook signature: the hex HMAC-SHA256 of the timestamp, a dot and the
 * raw body, keyed with the connection's token, so only the gateway holding it can report receipts
 * or STOP replies, and a captured request is refused once its timestamp is ten minutes old (an
 * old STOP replayed later would otherwise unsubscribe someone who has resubscribed since).
 * Compared in constant time; throws UNAUTHENTICATED (401).
 */
export function verifySmsSignature(input: SmsSignatureInput): void {
  const given = (input.signature ?? "").trim().replace(/^sha256=/i, "");
  const timestamp = (input.timestamp ?? "").trim();
  if (!input.token) throw new AppError("UNAUTHENTICATED", "This connection has no token to check webhook signatures with.");
  if (!given || !timestamp) throw new AppError("UNAUTHENTICATED", "Missing X-Herald-Signature or X-Herald-Timestamp header.");
  if (!/^\d{1,12}$/.test(timestamp)) throw new AppError("UNAUTHENTICATED", "X-Herald-Timestamp is not a Unix time.");
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - Number(timestamp)) > SMS_MAX_SKEW_SECONDS) throw new AppError("UNAUTHENTICATED", "The webhook timestamp is too far from the current time.");
  const expected = createHmac("sha256", input.token).update(`${timestamp}.`).update(input.rawBody).digest();
  const actual = /^[0-9a-f]{64}$/i.test(given) ? Buffer.from(given, "hex") : null;
  if (!actual || !timingSafeEqual(actual, expected)) throw new AppError("UNAUTHENTICATED", "The webhook signature does not verify.");
}
