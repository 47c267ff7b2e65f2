import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { newId } from "@/lib/ids";
import { contacts } from "./audience";
import { users } from "./auth";
import { templates } from "./content";
import { channelEnum } from "./mail";
import { orgs } from "./orgs";
import { senders } from "./sending";

export const campaignStatusEnum = pgEnum("campaign_status", ["draft", "scheduled", "sending", "paused", "sent", "cancelled"]);

/**
 * Where a message is. `queued` waits for `scheduled_for`; `sending` is claimed by a dispatch
 * batch until `lease_until`; `sent` was accepted by the provider. The later states come from
 * events and only move forward (lib/messages/apply-events.ts): a `delivered` or `opened` never
 * undoes `bounced`, `complained` or `unsubscribed`.
 */
export const messageStatusEnum = pgEnum("message_status", [
  "queued",
  "sending",
  "sent",
  "failed",
  "delivered",
  "opened",
  "clicked",
  "bounced",
  "complained",
  "unsubscribed",
  "suppressed",
  "cancelled",
]);

export type CampaignAudience = {
  listIds: string[];
  segmentIds: string[];
  excludeListIds: string[];
  excludeSegmentIds: string[];
};

export type CampaignSchedule = {
  /** Absolute start (ISO); null = send now. */
  startAt: string | null;
  finishAt: string | null;
  /** Wall-clock start/finish ("2026-12-01T09:00") read in each recipient's zone. */
  startLocal: string | null;
  finishLocal: string | null;
  recipientLocalTime: boolean;
  respectBusinessHours: boolean;
};

/** The content a campaign sends: the template's, copied when the campaign launches. */
export type CampaignContent = {
  subject: string | null;
  preheader: string | null;
  html: string | null;
  text: string | null;
  smsBody: string | null;
};

export const campaigns = pgTable(
  "campaigns",
  {
    id: text().primaryKey().$defaultFn(() => newId("cmp")),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    name: text().notNull(),
    channel: channelEnum().notNull(),
    status: campaignStatusEnum().notNull().default("draft"),
    templateId: text().references(() => templates.id, { onDelete: "set null" }),
    /** Null while a draft (it follows the template); the frozen copy from launch on. */
    content: jsonb().$type<CampaignContent>(),
    /** Click targets by link index (lib/tracking/prepare-tracking.ts), fixed at launch. */
    links: jsonb().$type<string[]>().notNull().default([]),
    audience: jsonb().$type<CampaignAudience>().notNull().default({ listIds: [], segmentIds: [], excludeListIds: [], excludeSegmentIds: [] }),
    /** The sender pool: new recipients are spread over these; sticky ones keep theirs. */
    senderIds: text().array().notNull().default(sql`'{}'::text[]`),
    schedule: jsonb()
      .$type<CampaignSchedule>()
      .notNull()
      .default({ startAt: null, finishAt: null, startLocal: null, finishLocal: null, recipientLocalTime: false, respectBusinessHours: false }),
    /** Counters kept by the statements that move messages (intake, dispatch results, events). */
    totalCount: integer().notNull().default(0),
    queuedCount: integer().notNull().default(0),
    sentCount: integer().notNull().default(0),
    failedCount: integer().notNull().default(0),
    cancelledCount: integer().notNull().default(0),
    /** Left out at intake: suppressed or unsubscribed/bounced, and outside hours/window. */
    suppressedCount: integer().notNull().default(0),
    skippedCount: integer().notNull().default(0),
    movedCount: integer().notNull().default(0),
    openCount: integer().notNull().default(0),
    clickCount: integer().notNull().default(0),
    unsubscribeCount: integer().notNull().default(0),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    launchedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.orgId, t.createdAt), index().on(t.status)],
);

/**
 * One row per recipient and send: the pipeline's truth. A bigint identity key inside
 * (`msg_<base36>` outside, and inside tracking tokens). Few indexes: intake writes millions.
 */
export const messages = pgTable(
  "messages",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    campaignId: text().references(() => campaigns.id, { onDelete: "cascade" }),
    contactId: bigint({ mode: "number" }).references(() => contacts.id, { onDelete: "set null" }),
    channel: channelEnum().notNull(),
    senderId: text().references(() => senders.id, { onDelete: "set null" }),
    /** The address at intake (e-mail or E.164 phone). */
    toAddress: text().notNull(),
    status: messageStatusEnum().notNull().default("queued"),
    scheduledFor: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Unsent by then = cancelled (the campaign's finish time in the recipient's reading). */
    expiresAt: timestamp({ withTimezone: true }),
    /** True when business hours moved this send later than the window's start. */
    moved: boolean().notNull().default(false),
    attempts: smallint().notNull().default(0),
    leaseUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    providerMessageId: text(),
    sentAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    openedAt: timestamp({ withTimezone: true }),
    clickedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("messages_campaign_contact_unique").on(t.campaignId, t.contactId),
    // Dispatch: due rows of one sender, oldest first. Partial, so sent rows cost it nothing.
    index("messages_due_idx").on(t.senderId, t.scheduledFor).where(sql`status = 'queued'`),
    // The sweep: leases to recover.
    index("messages_leased_idx").on(t.leaseUntil).where(sql`status = 'sending'`),
    index("messages_org_created_idx").on(t.orgId, t.createdAt.desc(), t.id.desc()),
    index("messages_contact_idx").on(t.contactId),
  ],
);

/** What happened to a message, newest last: the log's timeline and the analytics' source. */
export const messageEvents = pgTable(
  "message_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign key to orgs: events go with their message (which goes with its org), and the
    // tracking hot path inserts thousands a second.
    orgId: text().notNull(),
    messageId: bigint({ mode: "number" })
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    /** queued, sending, sent, retry, failed, delivered, open, click, bounce, complaint, unsubscribe, suppressed, cancelled */
    kind: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    /** The provider's id for the event (SendGrid `sg_event_id`, an SMS gateway's receipt id): a redelivered webhook adds nothing. */
    providerEventId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.messageId, t.createdAt),
    index().on(t.orgId, t.createdAt),
    uniqueIndex("message_events_provider_event_idx").on(t.messageId, t.providerEventId).where(sql`provider_event_id IS NOT NULL`),
  ],
);

/**
 * Tracking hits as they arrive: the open pixel and click redirect commit a row here before they
 * answer, and a fold (lib/tracking/fold-hits.ts) moves them into message_events and the message
 * state machine moments later, in large batches. No key, no index, no foreign key: an append to
 * this heap is the cheapest durable write Postgres has, which is what lets the hot path keep up
 * with a burst of opens. The fold takes rows by ctid (FOR UPDATE SKIP LOCKED) and deletes them.
 */
export const trackingHits = pgTable("tracking_hits", {
  messageId: bigint({ mode: "number" }).notNull(),
  /** open | click */
  kind: text().notNull(),
  link: integer(),
  agent: text().notNull(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Sticky assignment: the sender that first wrote to a contact on a channel keeps writing to
 * them. Written at intake for contacts that had none.
 */
export const contactSenders = pgTable(
  "contact_senders",
  {
    // No foreign keys on org_id and sender_id: a launch writes up to a million of these rows and
    // each key check costs as much as the insert. The contact's key cascades (the org's delete
    // reaches every contact); deleteSender removes its rows itself.
    orgId: text().notNull(),
    contactId: bigint({ mode: "number" })
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    channel: channelEnum().notNull(),
    senderId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.channel] }), index().on(t.senderId)],
);

export type Campaign = typeof campaigns.$inferSelect;
export type CampaignStatus = (typeof campaignStatusEnum.enumValues)[number];
export type Message = typeof messages.$inferSelect;
export type MessageStatus = (typeof messageStatusEnum.enumValues)[number];
export type MessageEvent = typeof messageEvents.$inferSelect;
