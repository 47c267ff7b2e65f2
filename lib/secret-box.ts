import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { secrets } from "./env";
import { AppError } from "./errors";

/**
 * Secrets at rest (provider API keys, SMTP passwords): AES-256-GCM with the key from
 * HERALD_ENCRYPTION_KEY. Format `v1.<iv>.<tag>.<ciphertext>` (base64url), so the scheme can change.
 */
const key = () => Buffer.from(secrets().encryptionKey, "hex");

export function sealSecret(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function openSecret(sealed: string): string {
  const [v, iv, tag, body] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || body === undefined) throw new AppError("INTERNAL", "A stored secret is unreadable.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // A changed HERALD_ENCRYPTION_KEY or tampered data: the secret must be entered again.
    throw new AppError("INTERNAL", "A stored secret cannot be decrypted with the current HERALD_ENCRYPTION_KEY.");
  }
}

export const sealJson = (value: Record<string, string>) => sealSecret(JSON.stringify(value));
export const openJson = (sealed: string) => JSON.parse(openSecret(sealed)) as Record<string, string>;
