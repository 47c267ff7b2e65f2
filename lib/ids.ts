import { randomBytes } from "node:crypto";

// Crockford base32 without ambiguous letters: ids read aloud or copied from logs stay unambiguous.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export type IdPrefix = "usr" | "org" | "mem" | "inv" | "eml" | "obx" | "acc" | "lst" | "seg" | "imp" | "att" | "tpl" | "pvd" | "snd" | "cmp" | "key";

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

/**
 * High-volume rows (contacts, suppressions) keep bigint identity keys inside; outside they are
 * shown as `ct_<base36>`. Every lookup also matches the org, so a guessed id reveals nothing.
 */
export type NumericPrefix = "ct" | "sup" | "msg";

export const encodeId = (prefix: NumericPrefix, id: number | bigint) => `${prefix}_${id.toString(36)}`;

export function decodeId(prefix: NumericPrefix, value: string): number | null {
  const m = new RegExp(`^${prefix}_([0-9a-z]{1,12})$`).exec(value);
  if (!m) return null;
  const n = parseInt(m[1], 36);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
