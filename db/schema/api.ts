import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { newId } from "@/lib/ids";
import { users } from "./auth";
import { orgs } from "./orgs";

/**
 * Keys for the public API (`Authorization: Bearer hk_...`). Only a SHA-256 of the key is kept;
 * `prefix` (the first characters) lets people tell their keys apart. Revoked keys stay for the
 * audit trail and never authenticate again.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text().primaryKey().$defaultFn(() => newId("key")),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    name: text().notNull(),
    prefix: text().notNull(),
    tokenHash: text().notNull().unique(),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.orgId, t.createdAt)],
);

export type ApiKey = typeof apiKeys.$inferSelect;
