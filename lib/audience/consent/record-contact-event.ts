import { sql } from "drizzle-orm";
import { query, type Tx } from "@/db";
import type { ContactStatus } from "@/db/schema";

/** One line of a contact's status history, written in the transaction that made the change. */
export async function recordContactEvent(
  tx: Tx,
  orgId: string,
  contactId: number,
  kind: string,
  fromStatus: ContactStatus | null,
  toStatus: ContactStatus | null,
  reason: string | null,
) {
  await query(
    sql`INSERT INTO contact_events (org_id, contact_id, kind, from_status, to_status, reason)
        VALUES (${orgId}, ${contactId}, ${kind}, ${fromStatus}, ${toStatus}, ${reason})`,
    tx,
  );
}
