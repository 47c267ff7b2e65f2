import type { CampaignFormSender, CampaignFormTemplate, CampaignFormValues } from "@/components/campaigns/campaign-form";
import type { AudienceOption } from "@/components/campaigns/audience-picker";
import type { LiveCampaign } from "@/components/campaigns/campaign-progress";
import type { CampaignRow } from "@/components/campaigns/campaigns-table";
import { listLists } from "@/lib/audience/lists/list-lists";
import { listSegments } from "@/lib/audience/segments/list-segments";
import type { CampaignView } from "@/lib/campaigns/campaign-view";
import { instantToWallClock } from "@/lib/campaigns/schedule/zoned-time";
import { listTemplates } from "@/lib/content/templates/list-templates";
import type { Actor } from "@/lib/orgs/actor";
import { listSenders } from "@/lib/sending/senders/list-senders";
import { HEALTH_LABELS } from "@/lib/sending/senders/sender-status";

/** Everything the campaign form offers: templates, lists and segments, senders with today's count. */
export async function loadEditorOptions(actor: Actor) {
  const [templates, lists, segments, senders] = await Promise.all([listTemplates(actor, { sort: "name" }), listLists(actor), listSegments(actor), listSenders(actor)]);
  return {
    templates: templates.map((t): CampaignFormTemplate => ({ id: t.id, name: t.name, channel: t.channel })),
    lists: lists.map((l): AudienceOption => ({ id: l.id, name: l.name, count: l.memberCount })),
    segments: segments.map((s): AudienceOption => ({ id: s.id, name: s.error ? `${s.name} (does not compile)` : s.name, count: s.count })),
    senders: senders.map(
      (s): CampaignFormSender => ({
        id: s.id,
        from: s.from,
        channel: s.channel,
        sentToday: s.sentToday,
        dailyCap: s.dailyCap,
        healthLabel: s.health === "healthy" ? `${HEALTH_LABELS.healthy} · ${s.ratePerSecond}/s` : `${HEALTH_LABELS[s.health]}: its messages wait until it can send`,
        usable: s.health === "healthy",
      }),
    ),
  };
}

const toLocalInput = (iso: string | null, tz: string) => (iso ? instantToWallClock(new Date(iso), tz).slice(0, 16) : "");

/** A saved draft as the form's values; instants are shown on the org's clock. */
export function toFormValues(c: CampaignView, orgTimezone: string): CampaignFormValues {
  const s = c.schedule;
  const local = s.recipientLocalTime;
  const start = local ? (s.startLocal ?? "").slice(0, 16) : toLocalInput(s.startAt, orgTimezone);
  return {
    id: c.id,
    name: c.name,
    channel: c.channel,
    templateId: c.templateId ?? "",
    listIds: c.audience.listIds,
    segmentIds: c.audience.segmentIds,
    excludeListIds: c.audience.excludeListIds,
    excludeSegmentIds: c.audience.excludeSegmentIds,
    senderIds: c.senderIds,
    sendMode: start ? "later" : "now",
    startAt: start,
    finishAt: local ? (s.finishLocal ?? "").slice(0, 16) : toLocalInput(s.finishAt, orgTimezone),
    recipientLocalTime: local,
    respectBusinessHours: s.respectBusinessHours,
  };
}

export const emptyFormValues = (channel: "email" | "sms"): CampaignFormValues => ({
  name: "",
  channel,
  templateId: "",
  listIds: [],
  segmentIds: [],
  excludeListIds: [],
  excludeSegmentIds: [],
  senderIds: [],
  sendMode: "now",
  startAt: "",
  finishAt: "",
  recipientLocalTime: false,
  respectBusinessHours: false,
});

export function toCampaignRow(c: CampaignView): CampaignRow {
  return {
    id: c.id,
    name: c.name,
    channel: c.channel,
    status: c.status,
    templateName: c.templateName,
    recipients: c.progress.total,
    sent: c.progress.sent,
    opens: c.openCount,
    clicks: c.clickCount,
    launchedAt: c.launchedAt,
    scheduledFor: c.schedule.startAt ? new Date(c.schedule.startAt) : null,
    scheduledLocal: c.schedule.recipientLocalTime ? c.schedule.startLocal : null,
    finishedAt: c.finishedAt,
    createdAt: c.createdAt,
  };
}

/** The detail page's live numbers; the progress route answers the same shape. */
export function toLiveCampaign(c: CampaignView): LiveCampaign {
  return { status: c.status, progress: c.progress, opens: c.openCount, clicks: c.clickCount, unsubscribes: c.unsubscribeCount };
}
