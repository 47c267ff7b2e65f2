import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { campaigns, messages, senders } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { decodeId } from "@/lib/ids";
import type { Actor } from "@/lib/orgs/actor";
import { MESSAGE_STATUSES, toMessageListItem, type MessageListItem } from "./message-view";

// A GET form posts every field, empty ones as "": read those as "no filter".
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-05-01.")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "That date does not exist.");

/** The log's filters, shared by the page (one URL parameter each) and the operation. */
export const messageFilterSchema = z.object({
  status: optional(z.enum(MESSAGE_STATUSES, "Pick a status from the list.")),
  campaignId: optional(z.string().regex(/^cmp_[0-9a-z]{8,40}$/, "Pick a campaign from the list.")),
  senderId: optional(z.string().regex(/^snd_[0-9a-z]{8,40}$/, "Pick a sender from the list.")),
  contactId: optional(z.string().regex(/^ct_[0-9a-z]{1,12}$/, "Not a contact id.")),
  /** Days, read in UTC like every time the dashboard shows; `to` is inclusive. */
  from: optional(day),
  to: optional(day),
  q: optional(z.string().trim().min(1).max(200)),
});

export type MessageFilter = z.output<typeof messageFilterSchema>;
export const MESSAGE_FILTER_KEYS = Object.keys(messageFilterSchema.shape) as (keyof MessageFilter)[];

export const listMessagesSchema = messageFilterSchema.extend({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type MessageListPage = { items: MessageListItem[]; nextCursor: string | null; prevCursor: string | null };

/**
 * The page key: created_at to the microsecond (a JS Date would round it and skip or repeat rows
 * at page edges) and the id that breaks ties, plus the direction to read in.
 */
type Cursor = { dir: "after" | "before"; ts: string; id: number };

const cursorJson = z.object({ d: z.enum(["a", "b"]), t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), i: z.number().int().positive() });

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify({ d: c.dir === "after" ? "a" : "b", t: c.ts, i: c.id })).toString("base64url");
}

/** A cursor from a URL; anything malformed reads as "first page". */
function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = cursorJson.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { dir: parsed.data.d === "a" ? "after" : "before", ts: parsed.data.t, id: parsed.data.i } : null;
  } catch {
    return null;
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterSql(orgId: string, f: MessageFilter): SQL {
  const parts: SQL[] = [eq(messages.orgId, orgId)];
  if (f.status) parts.push(eq(messages.status, f.status));
  if (f.campaignId) parts.push(eq(messages.campaignId, f.campaignId));
  if (f.senderId) parts.push(eq(messages.senderId, f.senderId));
  if (f.contactId) parts.push(eq(messages.contactId, decodeId("ct", f.contactId) ?? -1));
  if (f.from) parts.push(sql`${messages.createdAt} >= (${f.from}::date)::timestamp AT TIME ZONE 'UTC'`);
  if (f.to) parts.push(sql`${messages.createdAt} < (${f.to}::date + 1)::timestamp AT TIME ZONE 'UTC'`);
  // No index on the address: the search rides the (org, created_at) walk and stops at a page.
  if (f.q) parts.push(sql`${messages.toAddress} ILIKE ${`%${escapeLike(f.q)}%`}`);
  return and(...parts)!;
}

const columns = {
  message: {
    id: messages.id,
    channel: messages.channel,
    toAddress: messages.toAddress,
    status: messages.status,
    contactId: messages.contactId,
    campaignId: messages.campaignId,
    senderId: messages.senderId,
    providerMessageId: messages.providerMessageId,
    attempts: messages.attempts,
    lastError: messages.lastError,
    scheduledFor: messages.scheduledFor,
    sentAt: messages.sentAt,
    createdAt: messages.createdAt,
  },
  campaignName: campaigns.name,
  sender: { channel: senders.channel, fromName: senders.fromName, fromEmail: senders.fromEmail, smsSenderId: senders.smsSenderId },
  cursorTs: sql<string>`to_char(${messages.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

/**
 * Rows strictly past `key`, newest first (or oldest first when `reverse`). ORDER BY spells the
 * NULLS placement of messages_org_created_idx so the planner reads the index in order and stops
 * at the limit; the joins are primary-key lookups that also match the org.
 */
function readRows(orgId: string, where: SQL, key: Cursor | null, reverse: boolean, limit: number) {
  const conds = [where];
  if (key) {
    const cmp = reverse ? sql`>` : sql`<`;
    conds.push(sql`(${messages.createdAt}, ${messages.id}) ${cmp} (${key.ts}::timestamptz, ${key.id}::bigint)`);
  }
  const dir = reverse ? sql.raw("ASC NULLS FIRST") : sql.raw("DESC NULLS LAST");
  return db
    .select(columns)
    .from(messages)
    .leftJoin(campaigns, and(eq(campaigns.id, messages.campaignId), eq(campaigns.orgId, orgId)))
    .leftJoin(senders, and(eq(senders.id, messages.senderId), eq(senders.orgId, orgId)))
    .where(and(...conds))
    .orderBy(sql`${messages.createdAt} ${dir}`, sql`${messages.id} ${dir}`)
    .limit(limit);
}

type Row = Awaited<ReturnType<typeof readRows>>[number];
const keyOf = (r: Row, dir: Cursor["dir"]) => encodeCursor({ dir, ts: r.cursorTs, id: r.message.id });

/**
 * A page of the message log, newest first, with keyset pagination (page `n` costs what page 1
 * costs) on (created_at desc, id desc). Every member may read the log; nothing here changes a row.
 */
export async function listMessages(actor: Actor, input: z.input<typeof listMessagesSchema>): Promise<MessageListPage> {
  const { cursor: rawCursor, limit, ...filter } = listMessagesSchema.parse(input);
  if (filter.from && filter.to && filter.from > filter.to) throw new AppError("VALIDATION", "The start date is after the end date.", { to: "Pick a day on or after the start." });
  const where = filterSql(actor.orgId, filter);
  const cursor = decodeCursor(rawCursor);

  if (cursor?.dir === "before") {
    const got = await readRows(actor.orgId, where, cursor, true, limit + 1);
    // Back at the start: serve the real first page, full even if rows before the cursor went away.
    if (got.length <= limit) return listMessages(actor, { ...input, cursor: undefined });
    const rows = got.slice(0, limit).reverse();
    return { items: rows.map(toMessageListItem), prevCursor: keyOf(rows[0], "before"), nextCursor: keyOf(rows[rows.length - 1], "after") };
  }

  const got = await readRows(actor.orgId, where, cursor, false, limit + 1);
  const rows = got.slice(0, limit);
  return {
    items: rows.map(toMessageListItem),
    nextCursor: got.length > limit ? keyOf(rows[rows.length - 1], "after") : null,
    prevCursor: cursor && rows.length ? keyOf(rows[0], "before") : null,
  };
}
