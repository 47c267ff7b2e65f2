import { sql } from "drizzle-orm";
import { query, type Db, type Tx } from "@/db";
import type { ContactStatus } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { verifyContactToken, type ContactTokenClaims, type ContactTokenPurpose } from "./contact-token";

export type TokenContact = { id: number; orgId: string; email: string | null; phone: string | null; status: ContactStatus; orgName: string };

export const INVALID_LINK = "This link is not valid. It may have been copied incompletely, or the subscription it was for no longer exists.";

/** A token's claims, or NOT_FOUND: a tampered, expired or foreign token says nothing more. */
export function claimsOf(token: string, purpose: ContactTokenPurpose): ContactTokenClaims {
  const claims = verifyContactToken(token, purpose);
  if (!claims) throw new AppError("NOT_FOUND", INVALID_LINK);
  return claims;
}

/** The contact a verified token names, matched on its org too; `lock` takes it FOR UPDATE. */
export async function loadTokenContact(on: Db | Tx, claims: ContactTokenClaims, lock = false): Promise<TokenContact> {
  const [row] = await query<{ id: number | string; org_id: string; email: string | null; phone: string | null; status: ContactStatus; org_name: string }>(
    sql`SELECT c.id, c.org_id, c.email, c.phone, c.status, o.name AS org_name
        FROM contacts c JOIN orgs o ON o.id = c.org_id
        WHERE c.id = ${claims.contactId} AND c.org_id = ${claims.orgId}
        ${lock ? sql`FOR UPDATE OF c` : sql``}`,
    on,
  );
  if (!row) throw new AppError("NOT_FOUND", INVALID_LINK);
  return { id: Number(row.id), orgId: row.org_id, email: row.email, phone: row.phone, status: row.status, orgName: row.org_name };
}
