import { sql } from "drizzle-orm";
import { z } from "zod";
import { db, query } from "@/db";
import { removeFromList } from "@/lib/audience/lists/membership";
import { claimsOf, loadTokenContact } from "./load-contact";
import { recordContactEvent } from "./record-contact-event";

const listIds = z.array(z.string().max(64)).max(500).default([]);

/** `shown`: the lists the page listed; `keep`: the boxes left ticked. */
export const updatePreferencesSchema = z.object({ shown: listIds, keep: listIds });

/**
 * Leaves the lists that were shown and unticked. Only lists the page showed are touched, so a
 * list joined after the page was opened is not left by a stale form. Memberships are removed
 * (not marked), which keeps list member counts right; the history keeps the record.
 */
export async function updatePreferences(token: string, input: z.input<typeof updatePreferencesSchema>) {
  const claims = claimsOf(token, "preferences");
  const { shown, keep } = updatePreferencesSchema.parse(input);
  const leave = [...new Set(shown)].filter((id) => !keep.includes(id));
  if (leave.length === 0) return { left: [] as string[] };
  return db.transaction(async (tx) => {
    const contact = await loadTokenContact(tx, claims, true);
    // Only the contact's own memberships in its own org: a list id from elsewhere matches nothing.
    const rows = await query<{ id: string; name: string }>(
      sql`SELECT l.id, l.name FROM list_members lm JOIN lists l ON l.id = lm.list_id AND l.org_id = lm.org_id
          WHERE lm.contact_id = ${contact.id} AND lm.org_id = ${contact.orgId}
            AND l.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(leave)}::jsonb))`,
      tx,
    );
    for (const list of rows) {
      await removeFromList(tx, contact.orgId, list.id, sql`SELECT ${contact.id}::bigint`);
      await recordContactEvent(tx, contact.orgId, contact.id, "list_left", null, null, `preference-centre:${list.name}`);
    }
    return { left: rows.map((r) => r.name) };
  });
}
