import { sql } from "drizzle-orm";
import { query } from "@/db";
import { utcToday } from "@/lib/sending/senders/sender-status";
import { MAX_WAIT_MS } from "./policy";

/** What a dispatch run does after a batch: go on (after its pace), wait until a time, or stop. */
export type NextStep = { kind: "now" } | { kind: "at"; at: string } | { kind: "stop"; reason: "idle" | "later" | "cap" | "inactive" | "gone" };

/**
 * Where a sender stands once a claim came back short: stopped (paused or failing), at its cap for
 * the UTC day, nothing queued, or its next claimable row due at some time. A row due within
 * MAX_WAIT_MS is waited for in place; a later one is left to the sweep, which starts the sender
 * again when it is due (`at` is never before the database's now). Decided here, inside the step, so a replayed run takes the same path.
 */
export async function nextDue(senderId: string): Promise<Exclude<NextStep, { kind: "now" }>> {
  const [row] = await query<{ status: string; room: number; next_at: Date | string | null; now: Date | string }>(
    sql`select s.status,
               greatest(0, s.daily_cap - coalesce((select d.sent from sender_daily_counts d where d.sender_id = s.id and d.day = ${utcToday}), 0))::int as room,
               (select m.scheduled_for from messages m
                  left join campaigns c on c.id = m.campaign_id
                 where m.sender_id = s.id and m.status = 'queued'
                   and (m.campaign_id is null or c.status in ('scheduled', 'sending'))
                 order by m.scheduled_for limit 1) as next_at,
               now() as now
        from senders s where s.id = ${senderId}`,
  );
  if (!row) return { kind: "stop", reason: "gone" };
  if (row.status !== "active") return { kind: "stop", reason: "inactive" };
  if (row.next_at === null) return { kind: "stop", reason: "idle" };
  if (Number(row.room) <= 0) return { kind: "stop", reason: "cap" };
  const now = new Date(row.now).getTime();
  const at = new Date(row.next_at).getTime();
  if (at - now > MAX_WAIT_MS) return { kind: "stop", reason: "later" };
  return { kind: "at", at: new Date(Math.max(at, now)).toISOString() };
}
