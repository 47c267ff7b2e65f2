import { desc, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { contacts } from "@/db/schema";
import { encodeId } from "@/lib/ids";
import type { Actor } from "@/lib/orgs/actor";
import { prepareSegment } from "./prepare-segment";

export const PREVIEW_SIZE = 10;

export type PreviewContact = { id: string; email: string | null; phone: string | null; firstName: string | null; lastName: string | null; status: string; createdAt: Date };

/** The newest few of the org's contacts a condition matches (the org/created index serves the order). */
export async function previewWhere(orgId: string, condition: SQL, limit = PREVIEW_SIZE): Promise<PreviewContact[]> {
  const rows = await db
    .select({
      id: contacts.id,
      email: contacts.email,
      phone: contacts.phone,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      status: contacts.status,
      createdAt: contacts.createdAt,
    })
    .from(contacts)
    .where(sql`contacts.org_id = ${orgId} AND (${condition})`)
    .orderBy(desc(contacts.createdAt), desc(contacts.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, id: encodeId("ct", r.id) }));
}

/** A preview of the (possibly unsaved) rules. */
export async function previewSegment(actor: Actor, input: { rules: unknown }) {
  const { condition } = await prepareSegment(actor.orgId, input.rules);
  return previewWhere(actor.orgId, condition);
}
