import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { AppError } from "@/lib/errors";

/** How far the signed timestamp may be from our clock, either way: older is a replay. */
export const MAX_SKEW_SECONDS = 10 * 60;

export type SendgridSignatureInput = {
  /** The connection's verification key: base64 of the DER SubjectPublicKeyInfo (P-256). */
  publicKey: string | undefined;
  /** `X-Twilio-Email-Event-Webhook-Signature`: base64 of a DER-encoded ECDSA signature. */
  signature: string | null;
  /** `X-Twilio-Email-Event-Webhook-Timestamp`: Unix seconds. */
  timestamp: string | null;
  rawBody: Buffer;
  now?: Date;
};

const keys = new Map<string, KeyObject>();

function keyOf(base64: string): KeyObject | null {
  let key = keys.get(base64);
  if (key) return key;
  try {
    key = createPublicKey({ key: Buffer.from(base64, "base64"), format: "der", type: "spki" });
  } catch {
    return null;
  }
  // Few connections per process; the bound only stops a churn of edited keys from growing it.
  if (keys.size >= 1000) keys.clear();
  keys.set(base64, key);
  return key;
}

const refuse = (message: string) => new AppError("UNAUTHENTICATED", message);

/**
 * SendGrid's Signed Event Webhook: an ECDSA (P-256, SHA-256) signature over the timestamp header
 * followed by the raw body, bytes as received. Throws UNAUTHENTICATED (401) when the connection
 * has no key, a header is missing, the timestamp is more than ten minutes off (a captured request
 * replayed later), or the signature does not verify; returns nothing when all is well.
 */
export function verifySendgridSignature(input: SendgridSignatureInput): void {
  if (!input.publicKey) throw refuse("This connection has no webhook verification key: add SendGrid's key to the connection first.");
  const key = keyOf(input.publicKey);
  if (!key) throw refuse("The connection's webhook verification key cannot be read: paste it again.");
  const signature = input.signature?.trim();
  const timestamp = input.timestamp?.trim();
  if (!signature || !timestamp) throw refuse("Missing X-Twilio-Email-Event-Webhook-Signature or -Timestamp header.");
  if (!/^\d{1,12}$/.test(timestamp)) throw refuse("The webhook timestamp is not a Unix time.");
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_SECONDS) throw refuse("The webhook timestamp is too far from the current time.");
  let ok = false;
  try {
    ok = verify("sha256", Buffer.concat([Buffer.from(timestamp, "utf8"), input.rawBody]), { key, dsaEncoding: "der" }, Buffer.from(signature, "base64"));
  } catch {
    // A signature that is not DER at all: the same refusal as a wrong one.
  }
  if (!ok) throw refuse("The webhook signature does not verify.");
}
