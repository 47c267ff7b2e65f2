import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { AdapterAccountType } from "next-auth/adapters";
import { newId } from "@/lib/ids";

// Auth.js tables: the Drizzle adapter reads these shapes (users, accounts, sessions, verification tokens).
export const users = pgTable("users", {
  id: text().primaryKey().$defaultFn(() => newId("usr")),
  name: text(),
  email: text().notNull().unique(),
  emailVerified: timestamp({ withTimezone: true, mode: "date" }),
  image: text(),
  passwordHash: text(),
  /** Bumped when the password changes: sessions issued before it stop working. */
  sessionVersion: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text().notNull().references(() => users.id, { onDelete: "cascade" }),
    type: text().$type<AdapterAccountType>().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index().on(t.userId)],
);

export const sessions = pgTable("sessions", {
  sessionToken: text().primaryKey(),
  userId: text().notNull().references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/**
 * One row per e-mailed sign-in code. The same e-mail carries a 6-digit code and a magic link;
 * both are stored only as hashes. `attempts` burns the code after 5 wrong tries.
 */
export const loginCodes = pgTable(
  "login_codes",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    email: text().notNull(),
    // The name typed on the sign-up form, applied when the code creates the account.
    name: text(),
    codeHash: text().notNull(),
    linkTokenHash: text().notNull().unique(),
    attempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.email, t.createdAt)],
);

export type User = typeof users.$inferSelect;
export type LoginCode = typeof loginCodes.$inferSelect;
