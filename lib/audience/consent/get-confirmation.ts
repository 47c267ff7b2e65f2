import { sql } from "drizzle-orm";
import { db, query, type Db, type Tx } from "@/db";
import type { ContactStatus } from "@/db/schema";
import { addressHash } from "@/lib/audience/suppressions/address-hash";
import { AppError } from "@/lib/errors";
import { claimsOf, INVALID_LINK, loadTokenContact, type TokenContact } from "./load-contact";
import { maskEmail } from "./schemas";

/** pending: waiting for the click · confirmed: done · closed: the person has since said no. */
export type ConfirmationState = "pending" | "confirmed" | "closed";

export type ConfirmationView = { orgName: string; listName: string; email: string | null; state: ConfirmationState };

const CLOSED: ContactStatus[] = ["unsubscribed", "bounced", "complained"];

/** The list a confirm token names (in the contact's org), and where this subscription stands. */
export async function confirmationState(on: Db | Tx, contact: TokenContact, listId: string | undefined) {
  if (!listId) throw new AppError("NOT_FOUND", INVALID_LINK);
  const [row] = await query<{ name: string; member_status: string | null; suppressed: boolean }>(
    sql`SELECT l.name,
               (SELECT lm.status FROM list_members lm WHERE lm.list_id = l.id AND lm.contact_id = ${contact.id} AND lm.org_id = l.org_id) AS member_status,
               EXISTS (SELECT 1 FROM suppressions s WHERE s.org_id = l.org_id AND s.channel = 'email'
                       AND s.address_hash = ${addressHash(contact.email ?? "")}) AS suppressed
        FROM lists l WHERE l.id = ${listId} AND l.org_id = ${contact.orgId}`,
    on,
  );
  if (!row) throw new AppError("NOT_FOUND", INVALID_LINK);
  const state: ConfirmationState =
    CLOSED.includes(contact.status) || row.suppressed
      ? "closed"
      : row.member_status === "subscribed" && contact.status === "subscribed"
        ? "confirmed"
        : "pending";
  return { listName: row.name, state };
}

/** What the confirmation page shows before anyone presses the button (a GET changes nothing). */
export async function getConfirmation(token: string): Promise<ConfirmationView> {
  const claims = claimsOf(token, "confirm");
  const contact = await loadTokenContact(db, claims);
  const { listName, state } = await confirmationState(db, contact, claims.listId);
  return { orgName: contact.orgName, listName, email: maskEmail(contact.email), state };
}
