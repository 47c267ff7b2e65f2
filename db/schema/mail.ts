import { index, integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { newId } from "@/lib/ids";
import { orgs } from "./orgs";

export const systemEmailStatusEnum = pgEnum("system_email_status", ["queued", "sent", "failed"]);
export const channelEnum = pgEnum("channel", ["email", "sms"]);

/**
 * System mail (sign-in codes, invitations, confirmations). The row exists before anything
 * tries to send it; the job only moves its status forward.
 */
export const systemEmails = pgTable(
  "system_emails",
  {
    id: text().primaryKey().$defaultFn(() => newId("eml")),
    orgId: text().references(() => orgs.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    to: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    status: systemEmailStatusEnum().notNull().default("queued"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    provider: text(),
    providerMessageId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.status, t.createdAt)],
);

/** What the `outbox` provider received: the embedded default keeps every message for viewing. */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: text().primaryKey().$defaultFn(() => newId("obx")),
    channel: channelEnum().notNull().default("email"),
    from: text().notNull(),
    to: text().notNull(),
    subject: text(),
    html: text(),
    text: text(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.createdAt), index().on(t.to)],
);

export type SystemEmail = typeof systemEmails.$inferSelect;
export type OutboxMessage = typeof outboxMessages.$inferSelect;
