import type { ScheduleDecision, ScheduleInput, SkipReason } from "./compute-send-time";

/**
 * The scheduling rules as data, so the pipeline's set-based SQL can be tested against the same
 * table as `computeSendTime`. Instants are ISO strings in UTC ("Z"); wall-clock times and times
 * of day are as the campaign and the contact store them. Every expected value was worked out by
 * hand from the zone's offset (noted beside it), not produced by the code under test.
 */
export type ScheduleCase = {
  name: string;
  input: {
    now: string;
    start?: string | null;
    finish?: string | null;
    startLocal?: string;
    finishLocal?: string;
    recipientLocalTime?: boolean;
    respectBusinessHours?: boolean;
    contactTimezone?: string | null;
    orgTimezone?: string;
    notifyFrom?: string | null;
    notifyTo?: string | null;
  };
  expected: { action: "send"; at: string; moved: boolean } | { action: "skip"; reason: SkipReason };
};

export const send = (at: string, moved = false) => ({ action: "send" as const, at, moved });
export const skip = (reason: SkipReason) => ({ action: "skip" as const, reason });

/** A case's input as `computeSendTime` takes it (unset fields: UTC org, no hours, options off). */
export function caseInput(c: ScheduleCase): ScheduleInput {
  const i = c.input;
  const date = (v: string | null | undefined) => (v ? new Date(v) : null);
  return {
    now: new Date(i.now),
    start: date(i.start),
    finish: date(i.finish),
    ...(i.startLocal ? { startLocal: i.startLocal } : {}),
    ...(i.finishLocal ? { finishLocal: i.finishLocal } : {}),
    recipientLocalTime: i.recipientLocalTime ?? false,
    respectBusinessHours: i.respectBusinessHours ?? false,
    contactTimezone: i.contactTimezone ?? null,
    orgTimezone: i.orgTimezone ?? "UTC",
    notifyFrom: i.notifyFrom ?? null,
    notifyTo: i.notifyTo ?? null,
  };
}

/** A decision in the table's shape, for comparing. */
export const decisionShape = (d: ScheduleDecision): ScheduleCase["expected"] =>
  d.action === "send" ? send(d.at.toISOString(), d.moved) : skip(d.reason);
