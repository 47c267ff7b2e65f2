import { date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import { newId } from "@/lib/ids";
import { channelEnum } from "./mail";
import { orgs } from "./orgs";

export const providerKindEnum = pgEnum("provider_kind", ["outbox", "sendgrid", "smtp", "http_sms"]);
export const connectionStatusEnum = pgEnum("connection_status", ["untested", "ok", "failing"]);
export const senderStatusEnum = pgEnum("sender_status", ["active", "paused", "failing"]);

/**
 * A provider account an org sends through. `config` holds what is not secret (host, port, TLS,
 * user, URL); `secretsEnc` holds the API key / password / token, AES-256-GCM encrypted with the
 * key from the environment (lib/secret-box.ts), never returned to the browser.
 */
export const providerConnections = pgTable(
  "provider_connections",
  {
    id: text().primaryKey().$defaultFn(() => newId("pvd")),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    name: text().notNull(),
    kind: providerKindEnum().notNull(),
    config: jsonb().$type<Record<string, string | number | boolean>>().notNull().default({}),
    secretsEnc: text(),
    status: connectionStatusEnum().notNull().default("untested"),
    lastTestedAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.orgId, t.name)],
);

/**
 * A mailbox (e-mail) or sender id (SMS) with its own pace: `ratePerSecond` (e.g. 2.5) and a
 * `dailyCap` counted per UTC day in `sender_daily_counts`.
 */
export const senders = pgTable(
  "senders",
  {
    id: text().primaryKey().$defaultFn(() => newId("snd")),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    channel: channelEnum().notNull(),
    connectionId: text().notNull().references(() => providerConnections.id, { onDelete: "restrict" }),
    fromName: text(),
    fromEmail: text(),
    smsSenderId: text(),
    ratePerSecond: numeric({ precision: 8, scale: 2, mode: "number" }).notNull().default(10),
    dailyCap: integer().notNull().default(2000),
    status: senderStatusEnum().notNull().default("active"),
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.orgId, t.channel)],
);

/** Messages a sender handed to its provider per UTC day: the daily cap reads this. */
export const senderDailyCounts = pgTable(
  "sender_daily_counts",
  {
    senderId: text().notNull().references(() => senders.id, { onDelete: "cascade" }),
    day: date().notNull(),
    sent: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.senderId, t.day] })],
);

export type ProviderConnection = typeof providerConnections.$inferSelect;
export type Sender = typeof senders.$inferSelect;
