import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";

/**
 * The HTTP SMS gateway's webhook signature: `X-Herald-Signature` is the hex HMAC-SHA256 of the raw
 * body keyed with the connection's token (the one Herald sends the gateway as a Bearer token), so
 * only the gateway holding it can report receipts or STOP replies. A `sha256=` prefix, as some
 * gateways write it, is accepted. Compared in constant time; throws UNAUTHENTICATED (401).
 */
export function verifySmsSignature(token: string, signature: string | null, rawBody: Buffer): void {
  const given = (signature ?? "").trim().replace(/^sha256=/i, "");
  if (!token) throw new AppError("UNAUTHENTICATED", "This connection has no token to check webhook signatures with.");
  if (!given) throw new AppError("UNAUTHENTICATED", "Missing X-Herald-Signature header.");
  const expected = createHmac("sha256", token).update(rawBody).digest();
  const actual = /^[0-9a-f]{64}$/i.test(given) ? Buffer.from(given, "hex") : null;
  if (!actual || !timingSafeEqual(actual, expected)) throw new AppError("UNAUTHENTICATED", "The webhook signature does not verify.");
}
