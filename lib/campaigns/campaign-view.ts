import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { senders, templates, type Campaign, type Sender } from "@/db/schema";
import { senderFrom } from "@/lib/sending/senders/sender-view";

export type CampaignProgress = { total: number; queued: number; sent: number; failed: number; cancelled: number };

/** A pool member as the campaign pages show it: `Name <address>` or the SMS sender id. */
export type CampaignSenderRef = { id: string; name: string; status: Sender["status"] };

/** The campaign row with what its pages show beside it: progress, template name, sender names. */
export type CampaignView = Campaign & {
  progress: CampaignProgress;
  templateName: string | null;
  /** The pool in its saved order; a sender deleted since is left out. */
  senders: CampaignSenderRef[];
};

export const progressOf = (c: Campaign): CampaignProgress => ({
  total: c.totalCount,
  queued: c.queuedCount,
  sent: c.sentCount,
  failed: c.failedCount,
  cancelled: c.cancelledCount,
});

/**
 * Views for rows of one org, in the order given: two reads whatever the number of rows (the
 * templates and the senders they name), each matching the org so no other tenant's name shows.
 */
export async function toCampaignViews(on: Db | Tx, orgId: string, rows: Campaign[]): Promise<CampaignView[]> {
  const templateIds = [...new Set(rows.map((r) => r.templateId).filter((id): id is string => Boolean(id)))];
  const senderIds = [...new Set(rows.flatMap((r) => r.senderIds))];
  const [tpls, snds] = await Promise.all([
    templateIds.length
      ? on.select({ id: templates.id, name: templates.name }).from(templates).where(and(eq(templates.orgId, orgId), inArray(templates.id, templateIds)))
      : [],
    senderIds.length ? on.select().from(senders).where(and(eq(senders.orgId, orgId), inArray(senders.id, senderIds))) : [],
  ]);
  const tplName = new Map(tpls.map((t) => [t.id, t.name]));
  const sender = new Map(snds.map((s) => [s.id, s]));
  return rows.map((row) => ({
    ...row,
    progress: progressOf(row),
    templateName: row.templateId ? (tplName.get(row.templateId) ?? null) : null,
    senders: row.senderIds.flatMap((id) => {
      const s = sender.get(id);
      return s ? [{ id: s.id, name: senderFrom(s), status: s.status }] : [];
    }),
  }));
}

export async function toCampaignView(on: Db | Tx, row: Campaign): Promise<CampaignView> {
  const [view] = await toCampaignViews(on, row.orgId, [row]);
  return view;
}
