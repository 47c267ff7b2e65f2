import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { campaigns, contacts, messageEvents, messages, senders } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { MESSAGE_NOT_FOUND, parseMessageId, toMessageListItem } from "./message-view";

/** A timeline longer than this (a message clicked hundreds of times) shows its first entries. */
const EVENT_LIMIT = 500;

export type MessageTimelineEntry = { kind: string; data: Record<string, unknown> | null; at: Date };

/**
 * One message of the actor's org with everything the log's detail page shows: its fields, the
 * contact, campaign and sender it names, and its event timeline (oldest first). Another org's
 * id, or a malformed one, is NOT_FOUND. Every member may read it.
 */
export async function getMessage(actor: Actor, input: { id: string }) {
  const id = parseMessageId(input.id);
  const [row] = await db
    .select({
      message: messages,
      campaignName: campaigns.name,
      sender: { channel: senders.channel, fromName: senders.fromName, fromEmail: senders.fromEmail, smsSenderId: senders.smsSenderId },
      // The not-null key first: drizzle reads a left join as missing when the object's first column is null.
      contact: { id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email, phone: contacts.phone },
    })
    .from(messages)
    .leftJoin(campaigns, and(eq(campaigns.id, messages.campaignId), eq(campaigns.orgId, actor.orgId)))
    .leftJoin(senders, and(eq(senders.id, messages.senderId), eq(senders.orgId, actor.orgId)))
    .leftJoin(contacts, and(eq(contacts.id, messages.contactId), eq(contacts.orgId, actor.orgId)))
    .where(and(eq(messages.id, id), eq(messages.orgId, actor.orgId)));
  if (!row) throw new AppError("NOT_FOUND", MESSAGE_NOT_FOUND);

  const events = await db
    .select({ kind: messageEvents.kind, data: messageEvents.data, at: messageEvents.createdAt })
    .from(messageEvents)
    .where(and(eq(messageEvents.messageId, id), eq(messageEvents.orgId, actor.orgId)))
    .orderBy(asc(messageEvents.createdAt), asc(messageEvents.id))
    .limit(EVENT_LIMIT + 1);

  const m = row.message;
  // Intake writes no `queued` event (a second million-row insert per launch); the row's
  // created_at is when it was queued, so the timeline starts there.
  const timeline: MessageTimelineEntry[] = events.slice(0, EVENT_LIMIT);
  if (timeline[0]?.kind !== "queued") timeline.unshift({ kind: "queued", data: null, at: m.createdAt });
  const contactName = row.contact ? [row.contact.firstName, row.contact.lastName].filter(Boolean).join(" ") || row.contact.email || row.contact.phone : null;
  return {
    ...toMessageListItem(row),
    contactName,
    expiresAt: m.expiresAt,
    moved: m.moved,
    leaseUntil: m.leaseUntil,
    deliveredAt: m.deliveredAt,
    openedAt: m.openedAt,
    clickedAt: m.clickedAt,
    updatedAt: m.updatedAt,
    events: timeline,
    eventsTruncated: events.length > EVENT_LIMIT,
  };
}

export type MessageDetail = Awaited<ReturnType<typeof getMessage>>;
