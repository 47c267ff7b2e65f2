import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { CONTACT_STATUSES } from "./contact-schema";

/**
 * The contacts table's filters. The same filter drives the table, bulk actions "on the whole
 * filter" and exports, so what a user sees is exactly what an action touches.
 */
export const contactFilterSchema = z.object({
  q: z.string().trim().max(200).optional().transform((v) => v || undefined),
  status: z.enum(CONTACT_STATUSES).optional().or(z.literal("").transform(() => undefined)),
  tag: z.string().trim().toLowerCase().max(64).optional().transform((v) => v || undefined),
  listId: z.string().startsWith("lst_").optional().or(z.literal("").transform(() => undefined)),
  operatorCode: z.string().trim().max(16).optional().transform((v) => v || undefined),
  segmentId: z.string().startsWith("seg_").optional().or(z.literal("").transform(() => undefined)),
});

export type ContactFilter = z.output<typeof contactFilterSchema>;

/** The search expression the trigram index (contacts_search_idx) is built on. */
export const SEARCH_EXPR = sql`(coalesce(contacts.email, '') || ' ' || coalesce(contacts.first_name, '') || ' ' || coalesce(contacts.last_name, '') || ' ' || coalesce(contacts.phone, ''))`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * WHERE conditions over the alias `contacts`, always starting with the org. `segment` is the
 * compiled segment condition when the filter names one (lib/audience/segments compiles it).
 */
export function contactFilterSql(orgId: string, filter: ContactFilter, segment?: SQL): SQL {
  const parts: SQL[] = [sql`contacts.org_id = ${orgId}`];
  if (filter.q) parts.push(sql`${SEARCH_EXPR} ILIKE ${`%${escapeLike(filter.q)}%`}`);
  if (filter.status) parts.push(sql`contacts.status = ${filter.status}`);
  if (filter.tag) parts.push(sql`contacts.tags @> ARRAY[${filter.tag}]::text[]`);
  if (filter.operatorCode) parts.push(sql`contacts.operator_code = ${filter.operatorCode}`);
  if (filter.listId) {
    parts.push(sql`EXISTS (SELECT 1 FROM list_members lm WHERE lm.list_id = ${filter.listId} AND lm.contact_id = contacts.id AND lm.org_id = ${orgId})`);
  }
  if (segment) parts.push(sql`(${segment})`);
  return sql.join(parts, sql` AND `);
}
