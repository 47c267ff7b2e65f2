import { sql } from "drizzle-orm";
import { db, query } from "@/db";
import type { ContactStatus } from "@/db/schema";
import { claimsOf, loadTokenContact } from "./load-contact";
import { maskEmail, maskPhone } from "./schemas";

export type PreferenceList = { id: string; name: string; status: "subscribed" | "pending" };

export type PreferencesView = {
  orgName: string;
  email: string | null;
  phone: string | null;
  status: ContactStatus;
  lists: PreferenceList[];
};

/** What the preference centre shows: the org's lists the contact is on, by a signed link. */
export async function getPreferences(token: string): Promise<PreferencesView> {
  const contact = await loadTokenContact(db, claimsOf(token, "preferences"));
  const lists = await query<{ id: string; name: string; status: "subscribed" | "pending" }>(
    sql`SELECT l.id, l.name, lm.status
        FROM list_members lm JOIN lists l ON l.id = lm.list_id AND l.org_id = lm.org_id
        WHERE lm.contact_id = ${contact.id} AND lm.org_id = ${contact.orgId} AND lm.status <> 'unsubscribed'
        ORDER BY l.name`,
  );
  return { orgName: contact.orgName, email: maskEmail(contact.email), phone: maskPhone(contact.phone), status: contact.status, lists };
}
