import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { secrets } from "./env";

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** A URL-safe random token with `bytes` of entropy. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString("base64url");

/** A uniformly random 6-digit code, leading zeros kept. */
export const randomCode = () => randomInt(0, 1_000_000).toString().padStart(6, "0");

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** HMAC-SHA256 with the app's signing key, base64url. Used for signed links. */
export const hmac = (value: string) => createHmac("sha256", secrets().hmacKey).update(value).digest("base64url");

/** Hash of a secret code bound to its e-mail, keyed so a leaked table cannot be brute-forced offline. */
export const keyedHash = (value: string) => createHmac("sha256", secrets().hmacKey).update(value).digest("hex");
