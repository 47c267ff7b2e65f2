import { sql } from "drizzle-orm";
import { query, type Db, type Tx } from "@/db";
import type { ContactStatus } from "@/db/schema";
import { addressHashSql } from "@/lib/audience/suppressions/address-hash";

/** What an unsubscribe link points at: the message, its org, and whether mail to it has stopped. */
export type UnsubscribeTarget = {
  messageId: number;
  orgId: string;
  orgName: string;
  channel: "email" | "sms";
  address: string;
  contactId: number | null;
  contactStatus: ContactStatus | null;
  /** The person gets nothing more: their address is suppressed and the contact (if any) stopped. */
  stopped: boolean;
};

const STOPPED: ContactStatus[] = ["unsubscribed", "bounced", "complained"];

/** The message an unsubscribe token names, or null when it no longer exists. */
export async function loadUnsubscribeTarget(on: Db | Tx, messageId: number): Promise<UnsubscribeTarget | null> {
  const [row] = await query<{
    id: number | string;
    org_id: string;
    org_name: string;
    channel: "email" | "sms";
    to_address: string;
    contact_id: number | string | null;
    contact_status: ContactStatus | null;
    suppressed: boolean;
  }>(
    sql`SELECT m.id, m.org_id, o.name AS org_name, m.channel, m.to_address, m.contact_id, c.status AS contact_status,
               EXISTS (SELECT 1 FROM suppressions s WHERE s.org_id = m.org_id AND s.channel = m.channel
                       AND s.address_hash = ${addressHashSql(sql`m.to_address`)}) AS suppressed
        FROM messages m
        JOIN orgs o ON o.id = m.org_id
        LEFT JOIN contacts c ON c.id = m.contact_id AND c.org_id = m.org_id
        WHERE m.id = ${messageId}`,
    on,
  );
  if (!row) return null;
  const contactStatus = row.contact_status;
  return {
    messageId: Number(row.id),
    orgId: row.org_id,
    orgName: row.org_name,
    channel: row.channel,
    address: row.to_address,
    contactId: row.contact_id === null ? null : Number(row.contact_id),
    contactStatus,
    stopped: row.suppressed && (contactStatus === null || STOPPED.includes(contactStatus)),
  };
}
