import { and, asc, eq, gt } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { contacts, listMembers } from "@/db/schema";
import { decodeId, encodeId } from "@/lib/ids";
import type { Actor } from "@/lib/orgs/actor";
import { findList } from "./find-list";
import { membersPageSchema } from "./list-schemas";

export const MEMBERS_PAGE_SIZE = 50;

/**
 * A list and one page of its members, keyset-paginated over the contact id (the primary key's
 * second column plus the contact_id index keep each page one index range, however deep).
 */
export async function getList(actor: Actor, input: z.input<typeof membersPageSchema>) {
  const { listId, after } = membersPageSchema.parse(input);
  const list = await findList(actor.orgId, listId);
  const afterId = after ? decodeId("ct", after) : null;
  const rows = await db
    .select({
      id: contacts.id,
      email: contacts.email,
      phone: contacts.phone,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      contactStatus: contacts.status,
      memberStatus: listMembers.status,
      addedAt: listMembers.createdAt,
    })
    .from(listMembers)
    .innerJoin(contacts, and(eq(contacts.id, listMembers.contactId), eq(contacts.orgId, actor.orgId)))
    .where(and(eq(listMembers.listId, list.id), eq(listMembers.orgId, actor.orgId), afterId ? gt(listMembers.contactId, afterId) : undefined))
    .orderBy(asc(listMembers.contactId))
    .limit(MEMBERS_PAGE_SIZE + 1);
  const page = rows.slice(0, MEMBERS_PAGE_SIZE).map((r) => ({ ...r, id: encodeId("ct", r.id) }));
  const nextCursor = rows.length > MEMBERS_PAGE_SIZE ? page[page.length - 1].id : null;
  return { list, members: page, nextCursor };
}
