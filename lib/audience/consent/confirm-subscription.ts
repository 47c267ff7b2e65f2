import { sql } from "drizzle-orm";
import { db, query } from "@/db";
import { addToList } from "@/lib/audience/lists/membership";
import { confirmationState, type ConfirmationState } from "./get-confirmation";
import { claimsOf, loadTokenContact } from "./load-contact";
import { recordContactEvent } from "./record-contact-event";

/**
 * The click on the confirmation link's button (a POST: mail scanners that fetch every link must
 * not confirm anything). The contact becomes subscribed with the consent recorded (source, time,
 * IP), the list membership too, and the status history says so. Confirming twice changes nothing;
 * a person who has since unsubscribed, bounced or been suppressed stays as they are.
 */
export async function confirmSubscription(token: string, meta: { ip: string }): Promise<{ state: ConfirmationState; listName: string }> {
  const claims = claimsOf(token, "confirm");
  return db.transaction(async (tx) => {
    const contact = await loadTokenContact(tx, claims, true);
    const { listName, state } = await confirmationState(tx, contact, claims.listId);
    if (state !== "pending") return { state, listName };
    const listId = claims.listId!;
    const source = `double-opt-in:${listName}`;
    await query(
      sql`UPDATE contacts SET status = 'subscribed',
            status_changed_at = CASE WHEN status = 'subscribed' THEN status_changed_at ELSE now() END,
            status_reason = ${source}, consent_source = ${source}, consent_at = now(), consent_ip = ${meta.ip}, updated_at = now()
          WHERE id = ${contact.id} AND org_id = ${contact.orgId}`,
      tx,
    );
    // The membership may have been removed since the e-mail went out: confirming puts it back.
    await addToList(tx, contact.orgId, listId, sql`SELECT ${contact.id}::bigint`, "subscribed");
    await query(
      sql`UPDATE list_members SET status = 'subscribed' WHERE list_id = ${listId} AND contact_id = ${contact.id} AND org_id = ${contact.orgId}`,
      tx,
    );
    await recordContactEvent(tx, contact.orgId, contact.id, "subscription_confirmed", contact.status, "subscribed", source);
    return { state: "confirmed", listName };
  });
}
