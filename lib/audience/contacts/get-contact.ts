import { and, asc, desc, eq, or, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { contactEvents, listMembers, lists, suppressions, users } from "@/db/schema";
import { addressHash } from "@/lib/audience/suppressions/address-hash";
import type { Actor } from "@/lib/orgs/actor";
import { toContactView } from "./contact-view";
import { loadContact } from "./load-contact";

/** How many history entries the contact page shows; the JSON export has them all. */
const HISTORY_LIMIT = 200;

/**
 * One contact of the actor's org with what the contact page shows around it: its lists, its
 * status history (oldest first) and any suppression of its addresses.
 */
export async function getContact(actor: Actor, input: { id: string }, opts: { historyLimit?: number } = {}) {
  const row = await loadContact(db, actor.orgId, input.id);
  const addressMatch: SQL[] = [];
  if (row.email) addressMatch.push(and(eq(suppressions.channel, "email"), eq(suppressions.addressHash, addressHash(row.email)))!);
  if (row.phone) addressMatch.push(and(eq(suppressions.channel, "sms"), eq(suppressions.addressHash, addressHash(row.phone)))!);
  const [memberOf, recent, suppressed] = await Promise.all([
    db
      .select({ id: lists.id, name: lists.name, status: listMembers.status, joinedAt: listMembers.createdAt })
      .from(listMembers)
      .innerJoin(lists, and(eq(lists.id, listMembers.listId), eq(lists.orgId, actor.orgId)))
      .where(and(eq(listMembers.contactId, row.id), eq(listMembers.orgId, actor.orgId)))
      .orderBy(asc(lists.name)),
    db
      .select({
        kind: contactEvents.kind,
        fromStatus: contactEvents.fromStatus,
        toStatus: contactEvents.toStatus,
        reason: contactEvents.reason,
        actorName: users.name,
        actorEmail: users.email,
        createdAt: contactEvents.createdAt,
      })
      .from(contactEvents)
      .leftJoin(users, eq(users.id, contactEvents.actorId))
      .where(and(eq(contactEvents.contactId, row.id), eq(contactEvents.orgId, actor.orgId)))
      .orderBy(desc(contactEvents.createdAt), desc(contactEvents.id))
      .limit(opts.historyLimit ?? HISTORY_LIMIT),
    addressMatch.length
      ? db
          .select({ channel: suppressions.channel, reason: suppressions.reason, source: suppressions.source, createdAt: suppressions.createdAt })
          .from(suppressions)
          .where(and(eq(suppressions.orgId, actor.orgId), or(...addressMatch)))
      : Promise.resolve([]),
  ]);
  return {
    contact: toContactView(row),
    lists: memberOf,
    history: recent.reverse(),
    suppressions: suppressed,
  };
}

export type ContactDetail = Awaited<ReturnType<typeof getContact>>;
