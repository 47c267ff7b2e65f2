import { sql } from "drizzle-orm";
import type { z } from "zod";
import { db, query } from "@/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/orgs/actor";
import { findList } from "./find-list";
import { addMembersSchema } from "./list-schemas";
import { addToList } from "./membership";

/**
 * Adds the org's existing contacts with these e-mail addresses, in one statement through
 * `addToList` (which keeps the member count right). Addresses with no contact are reported
 * back rather than created: creating contacts is the contacts form's or an import's job.
 */
export async function addListMembers(actor: Actor, input: z.input<typeof addMembersSchema>) {
  const { listId, emails } = addMembersSchema.parse(input);
  // One jsonb parameter however many addresses, instead of a parameter per address.
  const wanted = sql`SELECT jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb)`;
  return db.transaction(async (tx) => {
    const list = await findList(actor.orgId, listId, tx, true);
    const found = await query<{ email: string }>(sql`SELECT contacts.email FROM contacts WHERE contacts.org_id = ${actor.orgId} AND contacts.email IN (${wanted})`, tx);
    const foundSet = new Set(found.map((r) => r.email));
    const notFound = emails.filter((e) => !foundSet.has(e));
    const { added } = await addToList(tx, actor.orgId, list.id, sql`SELECT contacts.id FROM contacts WHERE contacts.org_id = ${actor.orgId} AND contacts.email IN (${wanted})`);
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "list.members_added", targetType: "list", targetId: list.id, data: { added } });
    return { added, alreadyMembers: foundSet.size - added, notFound };
  });
}
