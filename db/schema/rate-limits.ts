import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Fixed-window counters keyed by purpose and subject (`login:email:a@b.c`, `subscribe:ip:1.2.3.4`). */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  count: integer().notNull(),
  resetAt: timestamp({ withTimezone: true }).notNull(),
});
