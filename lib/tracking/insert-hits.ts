import { sql, type SQL } from "drizzle-orm";
import { query } from "@/db";
import { preparedStatement } from "@/db/prepared";
import type { AppliedEvent } from "@/lib/messages/apply-events";

/** One open or click, already verified from its token. */
export type Hit = { kind: "open" | "click"; messageId: number; linkIndex?: number; agent: string };

/**
 * Commits a batch of hits to `tracking_hits` in one statement and answers, per hit, whether it
 * counts and where a click goes. That is all the answer to a pixel or a redirect needs; moving
 * the messages forward (status, first open, the campaign's counters, the event timeline) is the
 * fold's job (fold-hits.ts), moments later and in batches of thousands.
 *
 * Why split: the full state machine (lib/messages/apply-events.ts) locks and updates the message
 * and its campaign's counter row and inserts into an indexed, foreign-keyed event table. Run at
 * the pace of the requests, it was the ceiling of the tracking paths (about 14,000 hits/s on 2
 * cores). Here an open is a bare append to a heap with no index, and a click adds one read by
 * primary key (its message, for the campaign whose stored links say where it goes): nothing
 * locks a row another request touches, so several batches can be in flight.
 */
export async function insertHits(hits: Hit[]): Promise<AppliedEvent[]> {
  if (hits.length === 0) return [];
  // Three array parameters, not a jsonb document: they cost the server far less to read.
  const ids = `{${hits.map((h) => h.messageId).join(",")}}`;
  const links = `{${hits.map((h) => (h.kind === "click" ? linkOf(h) : "NULL")).join(",")}}`;
  const agents = `{${hits.map((h) => `"${h.agent.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
  const rows = hits.some((h) => h.kind === "click") ? await run(ids, links, agents) : await runOpens(ids, agents);
  // An open always counts: its token was signed by Herald for a message it wrote. Should the
  // message be gone since (erased, its org deleted), the fold drops the hit; the pixel is
  // answered anyway, which is what a mail client showing an old e-mail should get.
  const out: AppliedEvent[] = hits.map((h) => ({ applied: h.kind === "open", url: null }));
  if (rows.length === 0) return out;
  const linksOf = await campaignLinks(rows.map((r) => r.campaign_id));
  for (const r of rows) {
    const i = Number(r.ord) - 1;
    const url = linksOf.get(r.campaign_id)?.[hits[i].linkIndex!];
    // A link the campaign does not have: 404. Its row is already written; the fold drops it.
    if (typeof url === "string") out[i] = { applied: true, url };
  }
  return out;
}

/**
 * A campaign's links are fixed when it launches (messages exist only after), so they are kept
 * in memory once read: a click then costs one primary-key read (its message), not two.
 */
const LINK_CACHE_SIZE = 2000;
const linkCache = new Map<string, unknown[]>();

async function campaignLinks(ids: string[]): Promise<Map<string, unknown[]>> {
  // A map of its own for this batch: filling the shared cache may evict an entry this batch (or
  // one in flight beside it) has just found there.
  const out = new Map<string, unknown[]>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const links = linkCache.get(id);
    if (links) {
      // Least recently used goes first: a hit moves the campaign to the back.
      linkCache.delete(id);
      linkCache.set(id, links);
      out.set(id, links);
    } else missing.push(id);
  }
  if (missing.length) {
    const found = await query<{ id: string; links: unknown }>(sql`SELECT id, links FROM campaigns WHERE id IN ${missing} AND status <> 'draft'`);
    for (const c of found) {
      const links = Array.isArray(c.links) ? c.links : [];
      out.set(c.id, links);
      if (linkCache.size >= LINK_CACHE_SIZE) linkCache.delete(linkCache.keys().next().value!);
      linkCache.set(c.id, links);
    }
  }
  return out;
}

const MAX_LINK_INDEX = 2 ** 31 - 1;

/** A click's link index, or -1 (matches no link) when it is not one. */
function linkOf(h: Hit): number {
  const i = h.linkIndex;
  return typeof i === "number" && Number.isInteger(i) && i >= 0 && i <= MAX_LINK_INDEX ? i : -1;
}

type Row = { ord: number | string; campaign_id: string };

/**
 * Opens are appended as they are. A click is written when its message exists and names the
 * message's campaign, whose links say where it goes (campaignLinks).
 */
function insertSql(ids: string, links: string, agents: string): SQL {
  return sql`
    WITH input AS (
      SELECT * FROM unnest(${ids}::bigint[], ${links}::int[], ${agents}::text[]) WITH ORDINALITY AS x(message_id, link, agent, ord)
    ), clicks AS (
      SELECT i.ord, i.message_id, i.link, i.agent, m.campaign_id
      FROM input i JOIN messages m ON m.id = i.message_id
      WHERE i.link >= 0 AND m.campaign_id IS NOT NULL
    ), ins AS (
      INSERT INTO tracking_hits (message_id, kind, link, agent)
      SELECT message_id, 'open', NULL, agent FROM input WHERE link IS NULL
      UNION ALL
      SELECT message_id, 'click', link, agent FROM clicks
    )
    SELECT ord, campaign_id FROM clicks`;
}

/** A batch of opens only (most batches): nothing to look up, one append. */
function opensSql(ids: string, agents: string): SQL {
  return sql`INSERT INTO tracking_hits (message_id, kind, agent) SELECT unnest(${ids}::bigint[]), 'open', unnest(${agents}::text[])`;
}

// Prepared once per pool connection (the texts never change, only the arrays).
const run = preparedStatement<[string, string, string], Row>(insertSql);
const runOpens = preparedStatement<[string, string], Row>(opensSql);
