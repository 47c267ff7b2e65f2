import { randomBytes } from "node:crypto";
import { sha256 } from "@/lib/crypto";

// Crockford-style base32: 32 divides 256, so `byte & 31` draws every character evenly.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const BODY_LENGTH = 32; // 160 bits of entropy

export const TOKEN_PREFIX = "hk_";
/** How much of a token is kept in clear so people can tell their keys apart ("hk_3f9k2ab"). */
export const DISPLAY_PREFIX_LENGTH = 10;

export function generateApiToken(): string {
  const bytes = randomBytes(BODY_LENGTH);
  let body = "";
  for (let i = 0; i < BODY_LENGTH; i++) body += ALPHABET[bytes[i] & 31];
  return `${TOKEN_PREFIX}${body}`;
}

// A plain SHA-256 is enough: the token has 160 random bits, so there is nothing to brute-force
// offline, and an unkeyed hash lets the lookup be one indexed equality.
export const hashApiToken = (token: string) => sha256(token);

/** A cheap shape check before touching the database. */
export const looksLikeApiToken = (token: string) => token.length === TOKEN_PREFIX.length + BODY_LENGTH && token.startsWith(TOKEN_PREFIX);
