import { z } from "zod";
import type { CampaignAudience, CampaignSchedule, CampaignStatus } from "@/db/schema";
import { parseLocalISO } from "./schedule/zoned-time";

/*
 * A campaign as the form and the API send it. Ids are checked for shape here and for ownership
 * (the org's own lists, segments, senders and template, of the right channel) by the operation.
 */

export const CAMPAIGN_CHANNELS = ["email", "sms"] as const;
export const CAMPAIGN_STATUSES = ["draft", "scheduled", "sending", "paused", "sent", "cancelled"] as const satisfies readonly CampaignStatus[];

/** Enough for any real audience or pool; keeps the compiled SQL small. */
export const MAX_AUDIENCE_IDS = 50;
export const MAX_POOL = 50;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

// Checkboxes post "on" (or nothing); the API posts booleans.
const checkbox = z.preprocess((v) => {
  if (typeof v === "string") return ["on", "true", "1", "yes"].includes(v.toLowerCase());
  return v ?? false;
}, z.boolean());

/** A list of ids of one kind: one id or several (forms), deduplicated, order kept. */
const ids = (prefix: string, what: string, max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : typeof v === "string" ? [v] : v),
    z
      .array(z.string().trim().regex(new RegExp(`^${prefix}_[0-9a-z]{8,40}$`), `Choose ${what}.`))
      .max(max, `Choose at most ${max}.`)
      .transform((a) => [...new Set(a)]),
  );

const instant = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .refine((v) => !Number.isNaN(Date.parse(v)) && /[zZ]|[+-]\d{2}:?\d{2}$/.test(v), "Enter a date and time with its zone, like 2026-12-01T09:00:00Z.")
    .transform((v) => new Date(v).toISOString())
    .nullable(),
);

const localTime = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        parseLocalISO(v);
        return true;
      } catch {
        return false;
      }
    }, "Enter a date and time, like 2026-12-01T09:00.")
    .nullable(),
);

export const audienceSchema = z.object({
  listIds: ids("lst", "a list", MAX_AUDIENCE_IDS).default([]),
  segmentIds: ids("seg", "a segment", MAX_AUDIENCE_IDS).default([]),
  excludeListIds: ids("lst", "a list", MAX_AUDIENCE_IDS).default([]),
  excludeSegmentIds: ids("seg", "a segment", MAX_AUDIENCE_IDS).default([]),
});

/**
 * When to send. A null start is "send now"; the finish is optional. With recipient local time,
 * `startLocal`/`finishLocal` are wall-clock times read in each contact's zone (without them the
 * absolute times are shown in the org's zone and read that way). See compute-send-time.ts.
 */
export const scheduleSchema = z
  .object({
    startAt: instant.default(null),
    finishAt: instant.default(null),
    startLocal: localTime.default(null),
    finishLocal: localTime.default(null),
    recipientLocalTime: checkbox.default(false),
    respectBusinessHours: checkbox.default(false),
  })
  .superRefine((s, ctx) => {
    if (s.startAt && s.finishAt && s.finishAt <= s.startAt) ctx.addIssue({ code: "custom", path: ["finishAt"], message: "The finish must be after the start." });
    if (s.startLocal && s.finishLocal && parseLocalISO(s.finishLocal) <= parseLocalISO(s.startLocal)) {
      ctx.addIssue({ code: "custom", path: ["finishLocal"], message: "The finish must be after the start." });
    }
  });

export const EMPTY_AUDIENCE: CampaignAudience = { listIds: [], segmentIds: [], excludeListIds: [], excludeSegmentIds: [] };
export const SEND_NOW: CampaignSchedule = { startAt: null, finishAt: null, startLocal: null, finishLocal: null, recipientLocalTime: false, respectBusinessHours: false };

export const campaignNameSchema = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(200, "Use at most 200 characters.");

export const campaignInputSchema = z.object({
  name: campaignNameSchema,
  channel: z.enum(CAMPAIGN_CHANNELS, "Choose e-mail or SMS."),
  templateId: z.preprocess(blank, z.string().trim().regex(/^tpl_[0-9a-z]{8,40}$/, "Choose a template.").nullable()).default(null),
  audience: audienceSchema.default(EMPTY_AUDIENCE),
  senderIds: ids("snd", "a sender", MAX_POOL).default([]),
  schedule: scheduleSchema.default(SEND_NOW),
});

export type CampaignInput = z.input<typeof campaignInputSchema>;
export type CampaignData = z.output<typeof campaignInputSchema>;

// A malformed id is simply not found, like another org's id.
export const campaignIdSchema = z.object({ id: z.string().trim().min(1).max(64) });

/** An update names the campaign and the fields to replace; the rest are kept, and the whole is re-validated. */
export type UpdateCampaignInput = { id: string } & Partial<CampaignInput>;

export const listCampaignsSchema = z.object({
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
});

export const sendCampaignTestSchema = campaignIdSchema.extend({ to: z.string().trim().min(1, "Enter where to send the test.").max(254) });

export const CAMPAIGN_NOT_FOUND = "That campaign does not exist in this organization.";
