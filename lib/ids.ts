import { randomBytes } from "node:crypto";

// Crockford base32 without ambiguous letters: ids read aloud or copied from logs stay unambiguous.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export type IdPrefix = "usr" | "org" | "mem" | "inv" | "eml" | "obx" | "acc";

/** A prefixed, URL-safe, random id: `org_3f9k...`. The prefix says what the id names. */
export function newId(prefix: IdPrefix, length = 20): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] & 31];
  return `${prefix}_${out}`;
}

export function hasPrefix(id: string, prefix: IdPrefix): boolean {
  return id.startsWith(`${prefix}_`) && /^[a-z]+_[0-9a-z]{8,40}$/.test(id);
}
