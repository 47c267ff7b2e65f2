import { inArray } from "drizzle-orm";
import { db } from "@/db";
import { senders } from "@/db/schema";
import { EVENTS, type HeraldEvent } from "@/inngest/events";
import { sendEvent } from "@/inngest/send";

/** The dispatch event of each sender (the org rides along, as on every tenant's event). */
export const dispatchEvents = (rows: { senderId: string; orgId: string }[]): HeraldEvent[] =>
  rows.map((r) => ({ name: EVENTS.senderDispatch, data: { orgId: r.orgId, senderId: r.senderId } }));

/**
 * Starts dispatch for these senders: one event each. Safe to call often (after a launch commits,
 * on resume, from the sweep): a sender already being dispatched keeps its one run and the extra
 * start ends at once (inngest/functions/dispatch-sender.ts). Unknown ids are ignored.
 */
export async function kickDispatch(senderIds: string[]): Promise<void> {
  const ids = [...new Set(senderIds.filter(Boolean))];
  if (ids.length === 0) return;
  const rows = await db.select({ senderId: senders.id, orgId: senders.orgId }).from(senders).where(inArray(senders.id, ids));
  if (rows.length) await sendEvent(dispatchEvents(rows));
}
