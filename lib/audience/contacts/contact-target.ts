import { sql, type SQL } from "drizzle-orm";
import { query, type Tx } from "@/db";
import { AppError } from "@/lib/errors";
import { CONTACT_NOT_FOUND, parseContactId } from "./contact-id";
import type { ContactFilter } from "./filter";
import { resolveFilterSql } from "./list-contacts";

export type Target = { ids: string[] } | { filter: ContactFilter };

/**
 * What a bulk action acts on, as a subquery yielding contact ids of the org: either a selection
 * (every id must be one of the org's contacts, or the whole action is NOT_FOUND) or the whole
 * current filter, exactly as the table shows it.
 */
export async function resolveTarget(tx: Tx, orgId: string, target: Target): Promise<SQL> {
  if ("filter" in target) {
    const where = await resolveFilterSql(orgId, target.filter);
    return sql`SELECT contacts.id FROM contacts WHERE ${where}`;
  }
  const ids = [...new Set(target.ids.map(parseContactId))];
  const list = sql.join(
    ids.map((id) => sql`${id}::bigint`),
    sql`, `,
  );
  const [row] = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM contacts WHERE org_id = ${orgId} AND id IN (${list})`, tx);
  if ((row?.n ?? 0) !== ids.length) throw new AppError("NOT_FOUND", ids.length === 1 ? CONTACT_NOT_FOUND : "Some of the selected contacts do not exist in this organization.");
  return sql`SELECT contacts.id FROM contacts WHERE contacts.org_id = ${orgId} AND contacts.id IN (${list})`;
}
