import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { newId } from "@/lib/ids";
import { users } from "./auth";
import { channelEnum } from "./mail";
import { orgs } from "./orgs";

export const contactStatusEnum = pgEnum("contact_status", ["subscribed", "pending", "unsubscribed", "bounced", "complained"]);
export const attributeTypeEnum = pgEnum("attribute_type", ["text", "number", "date", "boolean"]);
export const suppressionReasonEnum = pgEnum("suppression_reason", ["unsubscribed", "hard_bounce", "complaint", "manual", "erased"]);
export const importStatusEnum = pgEnum("import_status", ["uploaded", "queued", "running", "completed", "failed"]);
export const listMemberStatusEnum = pgEnum("list_member_status", ["subscribed", "pending", "unsubscribed"]);

/**
 * Contacts: millions per org. A bigint identity key inside (`ct_<base36>` outside), e-mail
 * lowercased and phone E.164, each unique per org. A contact needs one of the two.
 */
export const contacts = pgTable(
  "contacts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    email: text(),
    phone: text(),
    firstName: text(),
    lastName: text(),
    timezone: text(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    attributes: jsonb().$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    operatorCode: text(),
    notifyFrom: time(),
    notifyTo: time(),
    status: contactStatusEnum().notNull().default("subscribed"),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    statusReason: text(),
    consentSource: text(),
    consentAt: timestamp({ withTimezone: true }),
    consentIp: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("contacts_org_email_unique").on(t.orgId, t.email),
    unique("contacts_org_phone_unique").on(t.orgId, t.phone),
    check("contacts_email_or_phone", sql`${t.email} IS NOT NULL OR ${t.phone} IS NOT NULL`),
    check("contacts_notify_window", sql`${t.notifyFrom} IS NULL OR ${t.notifyTo} IS NULL OR ${t.notifyFrom} < ${t.notifyTo}`),
    // Keyset pagination: newest first within an org.
    index("contacts_org_created_idx").on(t.orgId, t.createdAt.desc(), t.id.desc()),
    index("contacts_org_status_idx").on(t.orgId, t.status),
    index("contacts_org_operator_idx").on(t.orgId, t.operatorCode),
    index("contacts_tags_idx").using("gin", t.tags),
    // Substring search on e-mail and names (pg_trgm).
    index("contacts_search_idx").using(
      "gin",
      sql`(coalesce(${t.email}, '') || ' ' || coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, '') || ' ' || coalesce(${t.phone}, '')) gin_trgm_ops`,
    ),
  ],
);

/** Status changes of a contact, newest last: the contact page's history. */
export const contactEvents = pgTable(
  "contact_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    contactId: bigint({ mode: "number" }).notNull().references(() => contacts.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    fromStatus: contactStatusEnum(),
    toStatus: contactStatusEnum(),
    reason: text(),
    actorId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.contactId, t.createdAt)],
);

/** The org's declared custom attributes; contact values are checked against these types. */
export const contactAttributes = pgTable(
  "contact_attributes",
  {
    id: text().primaryKey().$defaultFn(() => newId("att")),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    key: text().notNull(),
    label: text().notNull(),
    type: attributeTypeEnum().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.orgId, t.key)],
);

export const lists = pgTable(
  "lists",
  {
    id: text().primaryKey().$defaultFn(() => newId("lst")),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text(),
    /** Kept current by the same statements that add or remove members. */
    memberCount: integer().notNull().default(0),
    doubleOptIn: boolean().notNull().default(true),
    /** Random token naming the public subscribe form `/s/<token>`. */
    publicToken: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.orgId, t.name)],
);

export const listMembers = pgTable(
  "list_members",
  {
    listId: text().notNull().references(() => lists.id, { onDelete: "cascade" }),
    contactId: bigint({ mode: "number" }).notNull().references(() => contacts.id, { onDelete: "cascade" }),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    status: listMemberStatusEnum().notNull().default("subscribed"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.contactId] }), index().on(t.contactId)],
);

/** A stored rule tree (lib/audience/segments) compiled to parameterised SQL at query time. */
export const segments = pgTable(
  "segments",
  {
    id: text().primaryKey().$defaultFn(() => newId("seg")),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    name: text().notNull(),
    rules: jsonb().$type<unknown>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.orgId, t.name)],
);

/**
 * Addresses never to be sent to, per org and channel. `addressHash` (sha256 of the normalised
 * address) is always set, so an erased contact stays suppressed after its address is forgotten.
 */
export const suppressions = pgTable(
  "suppressions",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    channel: channelEnum().notNull(),
    address: text(),
    addressHash: text().notNull(),
    reason: suppressionReasonEnum().notNull(),
    source: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("suppressions_org_channel_hash_unique").on(t.orgId, t.channel, t.addressHash), index().on(t.orgId, t.createdAt)],
);

export type ImportOptions = {
  listIds: string[];
  tags: string[];
  updateExisting: boolean;
  status: "subscribed" | "pending";
  consentSource?: string;
};

export const imports = pgTable(
  "imports",
  {
    id: text().primaryKey().$defaultFn(() => newId("imp")),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    status: importStatusEnum().notNull().default("uploaded"),
    fileName: text().notNull(),
    filePath: text().notNull(),
    fileSize: bigint({ mode: "number" }).notNull(),
    delimiter: text().notNull().default(","),
    headers: jsonb().$type<string[]>().notNull().default([]),
    /** CSV column index -> contact field (`email`, `first_name`, `attr:plan`, ...). */
    mapping: jsonb().$type<Record<string, string>>().notNull().default({}),
    options: jsonb().$type<ImportOptions>(),
    totalRows: integer(),
    processedRows: integer().notNull().default(0),
    createdCount: integer().notNull().default(0),
    updatedCount: integer().notNull().default(0),
    skippedCount: integer().notNull().default(0),
    failedCount: integer().notNull().default(0),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.orgId, t.createdAt)],
);

/** One row per refused CSV row: its line number, why, and the raw line for the download. */
export const importErrors = pgTable(
  "import_errors",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    importId: text().notNull().references(() => imports.id, { onDelete: "cascade" }),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    line: integer().notNull(),
    reason: text().notNull(),
    raw: jsonb().$type<string[]>().notNull(),
  },
  (t) => [index().on(t.importId, t.line)],
);

export type Contact = typeof contacts.$inferSelect;
export type ContactStatus = (typeof contactStatusEnum.enumValues)[number];
export type List = typeof lists.$inferSelect;
export type Segment = typeof segments.$inferSelect;
export type Suppression = typeof suppressions.$inferSelect;
export type Import = typeof imports.$inferSelect;
export type ContactAttribute = typeof contactAttributes.$inferSelect;
