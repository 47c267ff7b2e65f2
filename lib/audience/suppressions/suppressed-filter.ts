import { sql, type SQL } from "drizzle-orm";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { suppressions } from "@/db/schema";
import { addressHash, addressHashSql } from "./address-hash";

/**
 * The one suppression check the send pipeline joins against: true for a contact row (alias
 * `contacts`) whose address on `channel` is suppressed in its org. Use as
 * `WHERE NOT ${isSuppressedSql("email")}` in a set-based statement.
 */
export function isSuppressedSql(channel: "email" | "sms", contactsAlias = sql.raw("contacts")): SQL {
  const column = channel === "email" ? sql`${contactsAlias}.email` : sql`${contactsAlias}.phone`;
  return sql`EXISTS (SELECT 1 FROM suppressions s WHERE s.org_id = ${contactsAlias}.org_id AND s.channel = ${channel} AND s.address_hash = ${addressHashSql(column)})`;
}

/** A single-address check, for one-off sends (transactional API, test sends). */
export async function isSuppressed(orgId: string, channel: "email" | "sms", address: string): Promise<boolean> {
  const [row] = await db
    .select({ id: suppressions.id })
    .from(suppressions)
    .where(and(eq(suppressions.orgId, orgId), eq(suppressions.channel, channel), eq(suppressions.addressHash, addressHash(address))))
    .limit(1);
  return Boolean(row);
}
