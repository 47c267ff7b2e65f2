import { firstInstantInHours, hoursOf } from "./business-hours";
import { instantToWallClock, isValidTimeZone, wallClockToInstant } from "./zoned-time";

export { SCHEDULE_CASES } from "./schedule-cases";
export { caseInput, decisionShape, type ScheduleCase } from "./schedule-case";

export type ScheduleInput = {
  now: Date;
  /** Absolute start; null = send now. */
  start: Date | null;
  /** Absolute finish; null = no finish. */
  finish: Date | null;
  /** Wall-clock start ("2026-12-01T09:00"), read in the contact's zone when `recipientLocalTime` (it then wins over `start`). */
  startLocal?: string;
  /** Wall-clock finish, likewise (wins over `finish`). */
  finishLocal?: string;
  recipientLocalTime: boolean;
  respectBusinessHours: boolean;
  contactTimezone: string | null;
  orgTimezone: string;
  /** The contact's notify-from, local time of day ("09:00" or Postgres' "09:00:00"). */
  notifyFrom: string | null;
  notifyTo: string | null;
};

export type SkipReason = "outside-business-hours" | "window-passed";

export type ScheduleDecision = { action: "send"; at: Date; moved: boolean } | { action: "skip"; reason: SkipReason };

/**
 * When one recipient of a campaign is first due. The pipeline's intake does the same for a
 * whole audience in SQL; these are the rules it mirrors, tested by `SCHEDULE_CASES`:
 *
 * 1. Zone. `tz` = the contact's timezone when it is a zone name the runtime knows, else the
 *    org's, else UTC. Business hours are always read in `tz`.
 * 2. Window, a half-open interval [W0, W1) of instants (a send due exactly at the finish would
 *    race the cancellation of unsent messages, so the finish itself is out).
 *    - Without recipient local time: W0 = start (null: now), W1 = finish (null: never).
 *    - With it: W0 = `startLocal` read as a wall-clock time in `tz`, W1 = `finishLocal` likewise
 *      (each falls back to `start`/`finish` shown in the org's zone when not given; a null start
 *      with no `startLocal` is now, a null finish with no `finishLocal` is never). A wall-clock
 *      time is the first instant the local clock reads it or later (zoned-time.ts): in a DST
 *      gap, the jump; in a fold, the earlier instant.
 * 3. Earliest send A = max(W0, now): a start already passed (far-east contacts when launching
 *    late) sends now. If A >= W1: skip, "window-passed".
 * 4. Hours. Without `respectBusinessHours`, or for a contact with neither notify-from nor
 *    notify-to: send at A, moved = false. Otherwise the hours are [from, to) in local time of
 *    day (one end missing: open to midnight on that side). Walk the contact's local days from A:
 *    the send is the first instant T >= A whose local time of day is inside the hours —
 *    T = A when A is inside them; T = that day's `from` when A is before it; the next day's
 *    `from` when A is past `to`. If T >= W1 (a window spanning days is searched on every day it
 *    covers): skip, "outside-business-hours". Else send at T, moved = (T > A).
 *
 * In SQL: date arithmetic on `(A AT TIME ZONE tz)` (a `timestamp`) gives the local day and time
 * of day; `(local_day + from) AT TIME ZONE tz` gives today's start. Postgres resolves times in
 * DST gaps and folds differently (see zoned-time.ts); the cases named "DST gap"/"DST fold"
 * show where that matters (only starts, finishes or hours that fall in a transition hour).
 *
 * Cancelling a message whose finish passes unsent is the pipeline's job, not this function's.
 */
export function computeSendTime(input: ScheduleInput): ScheduleDecision {
  const tz = zoneFor(input.contactTimezone, input.orgTimezone);
  const now = input.now.getTime();
  const { windowStart, windowEnd } = windowOf(input, tz, now);

  const earliest = Math.max(windowStart, now);
  if (earliest >= windowEnd) return { action: "skip", reason: "window-passed" };

  const hours = input.respectBusinessHours ? hoursOf(input.notifyFrom, input.notifyTo) : null;
  if (!hours) return { action: "send", at: new Date(earliest), moved: false };

  const at = firstInstantInHours(earliest, windowEnd, hours, tz);
  if (at === null || at >= windowEnd) return { action: "skip", reason: "outside-business-hours" };
  return { action: "send", at: new Date(at), moved: at > earliest };
}

/** The zone a contact's times are read in: theirs when valid, else the org's, else UTC. */
export function zoneFor(contactTimezone: string | null, orgTimezone: string): string {
  if (isValidTimeZone(contactTimezone)) return contactTimezone;
  return isValidTimeZone(orgTimezone) ? orgTimezone : "UTC";
}

function windowOf(input: ScheduleInput, tz: string, now: number): { windowStart: number; windowEnd: number } {
  if (!input.recipientLocalTime) {
    return { windowStart: input.start?.getTime() ?? now, windowEnd: input.finish?.getTime() ?? Infinity };
  }
  const orgTz = zoneFor(input.orgTimezone, "UTC");
  const startLocal = input.startLocal ?? (input.start ? instantToWallClock(input.start, orgTz) : null);
  const finishLocal = input.finishLocal ?? (input.finish ? instantToWallClock(input.finish, orgTz) : null);
  return {
    windowStart: startLocal ? wallClockToInstant(startLocal, tz).getTime() : now,
    windowEnd: finishLocal ? wallClockToInstant(finishLocal, tz).getTime() : Infinity,
  };
}
