import { relations } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { newId } from "@/lib/ids";
import { users } from "./auth";

export const planEnum = pgEnum("plan", ["hobby", "basic", "pro", "premium"]);
export const roleEnum = pgEnum("member_role", ["owner", "admin", "member"]);

export const orgs = pgTable("orgs", {
  id: text().primaryKey().$defaultFn(() => newId("org")),
  name: text().notNull(),
  slug: text().notNull().unique(),
  plan: planEnum().notNull().default("hobby"),
  credits: integer().notNull().default(0),
  timezone: text().notNull().default("UTC"),
  /** ISO 3166-1 alpha-2: the country assumed for phone numbers written without one. */
  defaultCountry: text(),
  postalAddress: text(),
  defaultSenderName: text(),
  defaultSenderEmail: text(),
  stripeCustomerId: text().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  "memberships",
  {
    id: text().primaryKey().$defaultFn(() => newId("mem")),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    userId: text().notNull().references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.orgId, t.userId), index().on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: text().primaryKey().$defaultFn(() => newId("inv")),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: roleEnum().notNull(),
    // sha256 of the random token in the e-mailed link; the token itself is never stored.
    tokenHash: text().notNull().unique(),
    invitedById: text().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedById: text().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.orgId), index().on(t.email)],
);

export const orgsRelations = relations(orgs, ({ many }) => ({ memberships: many(memberships), invitations: many(invitations) }));
export const membershipsRelations = relations(memberships, ({ one }) => ({
  org: one(orgs, { fields: [memberships.orgId], references: [orgs.id] }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
}));
export const invitationsRelations = relations(invitations, ({ one }) => ({
  org: one(orgs, { fields: [invitations.orgId], references: [orgs.id] }),
  invitedBy: one(users, { fields: [invitations.invitedById], references: [users.id] }),
}));

export type Org = typeof orgs.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export type PlanId = (typeof planEnum.enumValues)[number];
