import { sql } from "drizzle-orm";
import { db, query } from "@/db";
import type { ContactStatus } from "@/db/schema";
import { releaseMemberships } from "@/lib/audience/lists/membership";
import { suppressAddresses, type AddressToSuppress } from "@/lib/audience/suppressions/suppress-addresses";
import { claimsOf, loadTokenContact } from "./load-contact";
import { recordContactEvent } from "./record-contact-event";

const SOURCE = "preference-centre";
// A bounce or complaint already stops mail and says more than "unsubscribed": keep it.
const KEEPS_STATUS: ContactStatus[] = ["unsubscribed", "bounced", "complained"];

/**
 * "Unsubscribe from everything": the contact becomes unsubscribed, leaves every list, and their
 * e-mail and phone are suppressed, so no import, form or later edit of the contact can mail
 * them again by mistake. Running it twice changes nothing more.
 */
export async function unsubscribeEverywhere(token: string) {
  const claims = claimsOf(token, "preferences");
  await db.transaction(async (tx) => {
    const contact = await loadTokenContact(tx, claims, true);
    if (!KEEPS_STATUS.includes(contact.status)) {
      await query(
        sql`UPDATE contacts SET status = 'unsubscribed', status_changed_at = now(), status_reason = ${SOURCE}, updated_at = now()
            WHERE id = ${contact.id} AND org_id = ${contact.orgId}`,
        tx,
      );
      await recordContactEvent(tx, contact.orgId, contact.id, "unsubscribed", contact.status, "unsubscribed", SOURCE);
    }
    const addresses: AddressToSuppress[] = [];
    if (contact.email) addresses.push({ channel: "email", address: contact.email });
    if (contact.phone) addresses.push({ channel: "sms", address: contact.phone });
    await suppressAddresses(tx, contact.orgId, addresses, "unsubscribed", SOURCE);
    const ids = sql`SELECT ${contact.id}::bigint`;
    await releaseMemberships(tx, contact.orgId, ids);
    await query(sql`DELETE FROM list_members WHERE contact_id = ${contact.id} AND org_id = ${contact.orgId}`, tx);
  });
}
