import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { orgs, planEnum, roleEnum } from "./orgs";

export const creditEntryKindEnum = pgEnum("credit_entry_kind", ["grant", "use", "refund", "adjustment"]);
export const billingProviderEnum = pgEnum("billing_provider", ["stripe", "manual"]);

/**
 * One row per org once it has ever left the default Hobby state: the plan's billing status as
 * last synced from Stripe (or set by an owner in development, `manual`). `orgs.plan` stays the
 * one field every limit reads; this row explains it.
 */
export const subscriptions = pgTable("subscriptions", {
  orgId: text()
    .primaryKey()
    .references(() => orgs.id, { onDelete: "cascade" }),
  provider: billingProviderEnum().notNull(),
  stripeSubscriptionId: text().unique(),
  stripePriceId: text(),
  plan: planEnum().notNull(),
  /** Stripe's status verbatim (active, trialing, past_due, unpaid, canceled, incomplete...). */
  status: text().notNull(),
  currentPeriodStart: timestamp({ withTimezone: true }),
  currentPeriodEnd: timestamp({ withTimezone: true }),
  cancelAtPeriodEnd: boolean().notNull().default(false),
  /** A downgrade waiting for the period end (development mode; Stripe keeps its own schedule). */
  pendingPlan: planEnum(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Stripe event ids applied once: a redelivered event finds its id and changes nothing. */
export const stripeEvents = pgTable("stripe_events", {
  id: text().primaryKey(),
  type: text().notNull(),
  processedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every change to `orgs.credits`, so a balance can always be explained. `key` makes a change
 * idempotent where it has a natural identity (a month's refill, a message's refund).
 */
export const creditLedger = pgTable(
  "credit_ledger",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    kind: creditEntryKindEnum().notNull(),
    delta: integer().notNull(),
    balanceAfter: integer().notNull(),
    key: text(),
    reason: text(),
    actorId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.orgId, t.createdAt), uniqueIndex("credit_ledger_org_key_unique").on(t.orgId, t.key).where(sql`${t.key} is not null`)],
);

/** Usage per org, calendar month (UTC, first day) and metric: `emails`, `sms`, `contacts`, `api:<endpoint>`. */
export const usageCounters = pgTable(
  "usage_counters",
  {
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    month: date().notNull(),
    metric: text().notNull(),
    count: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month, t.metric] })],
);

/** The same counts per day, for the usage chart (a rollup: the chart never scans raw events). */
export const usageDaily = pgTable(
  "usage_daily",
  {
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    day: date().notNull(),
    metric: text().notNull(),
    count: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.metric] })],
);

/**
 * Overage reported to Stripe as meter events: written before the call (an outbox), keyed by the
 * cumulative value it brings the month to, so a retry resends the same identifier and Stripe
 * bills it once; `sentAt` null means the call has not been confirmed yet.
 */
export const meterReports = pgTable(
  "meter_reports",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    month: date().notNull(),
    metric: text().notNull(),
    cumulative: bigint({ mode: "number" }).notNull(),
    value: bigint({ mode: "number" }).notNull(),
    identifier: text().notNull().unique(),
    eventName: text().notNull(),
    stripeCustomerId: text().notNull(),
    sentAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.orgId, t.month, t.metric, t.cumulative), index().on(t.sentAt)],
);

/**
 * In-app notifications for an org's owners and admins (`minRole`). `key` names the cause and
 * period (`usage-80:emails:2025-07`), so each is raised once however often the check runs.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text()
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    key: text().notNull(),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    minRole: roleEnum().notNull().default("admin"),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.orgId, t.key), index().on(t.orgId, t.createdAt)],
);

/** Per-user read marks: a notification is unread for a user until a row here says otherwise. */
export const notificationReads = pgTable(
  "notification_reads",
  {
    notificationId: bigint({ mode: "number" })
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    readAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] }), index().on(t.userId)],
);

export type Subscription = typeof subscriptions.$inferSelect;
export type CreditEntry = typeof creditLedger.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type MeterReport = typeof meterReports.$inferSelect;
