import { sql } from "drizzle-orm";
import { db, query } from "@/db";
import { retryOnDeadlock } from "@/db/errors";
import { applyMessageEvents, type MessageEventInput } from "@/lib/messages/apply-events";

/** Hits folded per transaction: large enough to amortise the state machine's statement, small enough to hold few locks for long. */
const FOLD_BATCH = 5000;

type HitRow = { message_id: string | number; kind: "open" | "click"; link: number | null; agent: string; at: Date | string };

/**
 * Moves committed tracking hits (insert-hits.ts) into the message state machine: one
 * transaction takes up to `limit` rows of `tracking_hits` (skipping rows another fold holds),
 * applies them as events with the time they arrived, and deletes them. A crash rolls both back,
 * so a hit is folded exactly once. Returns how many it folded.
 */
export async function foldTrackingHits(limit = FOLD_BATCH): Promise<number> {
  // Two folds, or a fold and an unsubscribe, can lock the same messages in turn; the loser did
  // nothing and takes its rows again.
  return retryOnDeadlock(() =>
    db.transaction(async (tx) => {
      const rows = await query<HitRow>(
        sql`DELETE FROM tracking_hits
            WHERE ctid = ANY (ARRAY(SELECT ctid FROM tracking_hits LIMIT ${limit} FOR UPDATE SKIP LOCKED))
            RETURNING message_id, kind, link, agent, at`,
        tx,
      );
      if (rows.length === 0) return 0;
      rows.sort((a, b) => +new Date(a.at) - +new Date(b.at));
      await applyMessageEvents(rows.map(toEvent), tx);
      return rows.length;
    }),
  );
}

/** Folds until nothing is left (or `maxRounds` batches); returns how many hits it folded. */
export async function foldAllTrackingHits(maxRounds = 1000): Promise<number> {
  let total = 0;
  for (let round = 0; round < maxRounds; round++) {
    const n = await foldTrackingHits();
    total += n;
    if (n < FOLD_BATCH) break;
  }
  return total;
}

function toEvent(r: HitRow): MessageEventInput {
  const data: Record<string, unknown> = { agent: r.agent };
  if (r.kind === "click") data.link = r.link;
  return { messageId: Number(r.message_id), kind: r.kind, data, at: new Date(r.at) };
}
