import { index, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { newId } from "@/lib/ids";
import { users } from "./auth";
import { channelEnum } from "./mail";
import { orgs } from "./orgs";

/**
 * Message templates. E-mail templates use subject/preheader/html/text; SMS templates use smsBody.
 * Merge tags (LiquidJS) are checked when saving; `variables` lists the ones the template uses.
 * Campaigns snapshot the content at launch, so editing a template never changes a sent campaign.
 */
export const templates = pgTable(
  "templates",
  {
    id: text().primaryKey().$defaultFn(() => newId("tpl")),
    orgId: text().notNull().references(() => orgs.id, { onDelete: "cascade" }),
    channel: channelEnum().notNull(),
    name: text().notNull(),
    subject: text(),
    preheader: text(),
    html: text(),
    /** Plain text part; null means "generate from the HTML at render time". */
    text: text(),
    smsBody: text(),
    variables: jsonb().$type<string[]>().notNull().default([]),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.orgId, t.name), index().on(t.orgId, t.updatedAt)],
);

export type Template = typeof templates.$inferSelect;
