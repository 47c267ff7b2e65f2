import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { db, query, sql } from "@/db";
import { contactAttributes, lists } from "@/db/schema";
import { contactFilterSchema, contactFilterSql } from "@/lib/audience/contacts/filter";
import { loadSegmentCondition } from "@/lib/audience/segments/load-segment-condition";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { csvLine } from "./csv-cell";

const BATCH = 5000;

type Row = {
  id: number;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  status: string;
  tags: string[];
  timezone: string | null;
  operator_code: string | null;
  notify_from: string | null;
  notify_to: string | null;
  created_at: string | Date;
  attributes: Record<string, unknown>;
};

const COLUMNS = ["email", "phone", "first_name", "last_name", "status", "tags", "timezone", "operator_code", "notify_from", "notify_to", "created_at"] as const;

/**
 * The contacts matching a filter (the contacts table's filter, a list, a segment) as CSV lines,
 * read in id-keyset batches so an export of millions streams in constant memory. The filter is
 * checked (and a segment or list of another org refused) before the first line is produced.
 */
export async function exportContacts(actor: Actor, input: z.input<typeof contactFilterSchema>) {
  const filter = contactFilterSchema.parse(input);
  if (filter.listId) {
    const [list] = await db.select({ id: lists.id }).from(lists).where(and(eq(lists.id, filter.listId), eq(lists.orgId, actor.orgId)));
    if (!list) throw new AppError("NOT_FOUND", "List not found.");
  }
  const segment = filter.segmentId ? await loadSegmentCondition(actor.orgId, filter.segmentId) : undefined;
  const where = contactFilterSql(actor.orgId, filter, segment);
  const attrs = await db.select({ key: contactAttributes.key }).from(contactAttributes).where(eq(contactAttributes.orgId, actor.orgId)).orderBy(asc(contactAttributes.key));
  const attrKeys = attrs.map((a) => a.key);

  async function* lines(): AsyncGenerator<string> {
    yield csvLine([...COLUMNS, ...attrKeys]);
    let after = 0;
    for (;;) {
      const rows = await query<Row>(
        sql`SELECT contacts.id, contacts.email, contacts.phone, contacts.first_name, contacts.last_name, contacts.status, contacts.tags,
                   contacts.timezone, contacts.operator_code, to_char(contacts.notify_from, 'HH24:MI') AS notify_from,
                   to_char(contacts.notify_to, 'HH24:MI') AS notify_to, contacts.created_at, contacts.attributes
            FROM contacts WHERE ${where} AND contacts.id > ${after}
            ORDER BY contacts.id LIMIT ${BATCH}`,
      );
      if (!rows.length) return;
      let out = "";
      for (const r of rows) {
        const created = r.created_at instanceof Date ? r.created_at.toISOString() : new Date(r.created_at).toISOString();
        out += csvLine([
          r.email,
          r.phone,
          r.first_name,
          r.last_name,
          r.status,
          r.tags.join(", "),
          r.timezone,
          r.operator_code,
          r.notify_from,
          r.notify_to,
          created,
          ...attrKeys.map((k) => r.attributes?.[k] ?? null),
        ]);
      }
      yield out;
      after = Number(rows[rows.length - 1].id);
    }
  }
  return { fileName: `contacts-${new Date().toISOString().slice(0, 10)}.csv`, lines: lines() };
}
