import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { lists, segments, senders, templates } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { CampaignData } from "./schemas";

const channelName = (c: "email" | "sms") => (c === "email" ? "e-mail" : "SMS");

/** Ids of `table` among `ids` that belong to the org: one indexed read. */
async function ownIds(on: Db | Tx, table: typeof lists | typeof segments, orgId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await on.select({ id: table.id }).from(table).where(and(eq(table.orgId, orgId), inArray(table.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Every id a campaign names must be the org's own: another org's list, segment, sender or
 * template is refused exactly like one that does not exist (NOT_FOUND, with the field named),
 * so nothing tells one tenant what another holds. Template and senders must carry the
 * campaign's channel.
 */
export async function assertCampaignRefs(on: Db | Tx, orgId: string, data: CampaignData): Promise<void> {
  const { audience } = data;
  if (data.templateId) {
    const [tpl] = await on
      .select({ channel: templates.channel })
      .from(templates)
      .where(and(eq(templates.id, data.templateId), eq(templates.orgId, orgId)));
    if (!tpl) throw new AppError("NOT_FOUND", "That template does not exist in this organization.", { templateId: "That template does not exist in this organization." });
    if (tpl.channel !== data.channel) {
      const msg = `Choose an ${channelName(data.channel)} template for an ${channelName(data.channel)} campaign.`;
      throw new AppError("VALIDATION", msg, { templateId: msg });
    }
  }

  const listIds = await ownIds(on, lists, orgId, [...audience.listIds, ...audience.excludeListIds]);
  const segmentIds = await ownIds(on, segments, orgId, [...audience.segmentIds, ...audience.excludeSegmentIds]);
  const missing: [string, string[], Set<string>, string][] = [
    ["audience.listIds", audience.listIds, listIds, "list"],
    ["audience.excludeListIds", audience.excludeListIds, listIds, "list"],
    ["audience.segmentIds", audience.segmentIds, segmentIds, "segment"],
    ["audience.excludeSegmentIds", audience.excludeSegmentIds, segmentIds, "segment"],
  ];
  for (const [field, wanted, own, what] of missing) {
    if (wanted.some((id) => !own.has(id))) {
      const msg = `That ${what} does not exist in this organization.`;
      throw new AppError("NOT_FOUND", msg, { [field]: msg });
    }
  }

  if (data.senderIds.length) {
    const rows = await on
      .select({ id: senders.id, channel: senders.channel })
      .from(senders)
      .where(and(eq(senders.orgId, orgId), inArray(senders.id, data.senderIds)));
    if (rows.length !== data.senderIds.length) {
      const msg = "That sender does not exist in this organization.";
      throw new AppError("NOT_FOUND", msg, { senderIds: msg });
    }
    if (rows.some((r) => r.channel !== data.channel)) {
      const msg = `Choose ${channelName(data.channel)} senders for an ${channelName(data.channel)} campaign.`;
      throw new AppError("VALIDATION", msg, { senderIds: msg });
    }
  }
}
