import { appUrl } from "@/lib/env";
import { hmac, safeEqual } from "@/lib/crypto";

export type ContactTokenPurpose = "preferences" | "confirm";

export type ContactTokenClaims = {
  orgId: string;
  contactId: number;
  purpose: ContactTokenPurpose;
  listId?: string;
  /** Expiry, seconds since the epoch. None: the link works as long as the contact exists. */
  exp?: number;
};

/** Confirmation links expire; preference links live as long as the e-mails that carry them. */
export const CONFIRM_TTL_SECONDS = 7 * 24 * 60 * 60;

// A domain tag in what is signed, so a signature made with the app key for some other kind of
// link can never be replayed as a contact token.
const DOMAIN = "herald.contact-token.v1";
const sign = (payload: string) => hmac(`${DOMAIN}.${payload}`);

type Wire = { o: string; c: number; p: ContactTokenPurpose; l?: string; e?: number };

/** `<base64url payload>.<base64url HMAC-SHA256>`: verified without a database read. */
export function signContactToken(claims: ContactTokenClaims): string {
  const wire: Wire = { o: claims.orgId, c: claims.contactId, p: claims.purpose };
  if (claims.listId) wire.l = claims.listId;
  if (claims.exp !== undefined) wire.e = claims.exp;
  const payload = Buffer.from(JSON.stringify(wire)).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/** The claims of an intact, unexpired token for `purpose`; null for anything else. */
export function verifyContactToken(token: string | null | undefined, purpose: ContactTokenPurpose, now = Date.now()): ContactTokenClaims | null {
  if (typeof token !== "string" || token.length > 1000) return null;
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const [payload, signature] = parts;
  if (!safeEqual(signature, sign(payload))) return null;
  let wire: Partial<Wire>;
  try {
    wire = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<Wire>;
  } catch {
    return null;
  }
  if (!wire || typeof wire !== "object") return null;
  if (typeof wire.o !== "string" || typeof wire.c !== "number" || !Number.isSafeInteger(wire.c) || wire.c <= 0) return null;
  if (wire.p !== purpose) return null;
  if (wire.l !== undefined && typeof wire.l !== "string") return null;
  if (wire.e !== undefined && (typeof wire.e !== "number" || wire.e * 1000 <= now)) return null;
  return { orgId: wire.o, contactId: wire.c, purpose: wire.p, ...(wire.l ? { listId: wire.l } : {}), ...(wire.e !== undefined ? { exp: wire.e } : {}) };
}

export const confirmExpiry = (now = Date.now()) => Math.floor(now / 1000) + CONFIRM_TTL_SECONDS;

/** The contact's preference centre, for e-mail footers. */
export const preferenceCentreUrl = (orgId: string, contactId: number) =>
  `${appUrl()}/p/${signContactToken({ orgId, contactId, purpose: "preferences" })}`;

export const confirmSubscriptionUrl = (orgId: string, contactId: number, listId: string, now = Date.now()) =>
  `${appUrl()}/s/confirm/${signContactToken({ orgId, contactId, purpose: "confirm", listId, exp: confirmExpiry(now) })}`;
