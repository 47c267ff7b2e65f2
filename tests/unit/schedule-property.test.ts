import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hoursOf, inHours, timeOfDayOf } from "@/lib/campaigns/schedule/business-hours";
import { computeSendTime, zoneFor, type ScheduleInput } from "@/lib/campaigns/schedule/compute-send-time";
import { instantToWallClock, MINUTE_MS, wallClockToInstant, wallMsAt } from "@/lib/campaigns/schedule/zoned-time";

const HOUR = 60 * MINUTE_MS;
const DAY = 24 * HOUR;
const QUARTER = 15 * MINUTE_MS;

const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Australia/Sydney", "Australia/Lord_Howe"];
// 2026's transitions, so that "now" often lands in the hours around one.
const TRANSITIONS = ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z", "2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z", "2026-04-04T16:00:00Z", "2026-10-03T16:00:00Z", "2026-04-04T15:00:00Z", "2026-10-03T15:30:00Z"].map(Date.parse);

const now = fc.oneof(
  fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2027-01-01T00:00:00Z") }),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -2 * DAY, max: DAY })).map(([t, d]) => t + d),
);
const timeOfDay = fc.integer({ min: 0, max: 24 * 4 - 1 }).map((q) => `${String(Math.floor(q / 4)).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}`);
// Wall-clock times on quarter hours, so starts and finishes often fall into a gap or a fold.
const localNear = (t: number) => fc.integer({ min: -2 * 96, max: 3 * 96 }).map((q) => new Date(Math.floor(t / QUARTER) * QUARTER + q * QUARTER).toISOString().slice(0, 16));

const input = now.chain((n) =>
  fc.record({
    now: fc.constant(new Date(n)),
    start: fc.option(fc.integer({ min: -2 * DAY, max: 3 * DAY }).map((d) => new Date(n + d))),
    finishAfter: fc.option(fc.integer({ min: -DAY, max: 3 * DAY })),
    startLocal: fc.option(localNear(n)),
    finishLocal: fc.option(localNear(n + DAY)),
    recipientLocalTime: fc.boolean(),
    respectBusinessHours: fc.boolean(),
    contactTimezone: fc.option(fc.constantFrom(...ZONES, "Not/AZone")),
    orgTimezone: fc.constantFrom(...ZONES),
    notifyFrom: fc.option(timeOfDay),
    notifyTo: fc.option(timeOfDay),
  }).map(({ finishAfter, startLocal, finishLocal, ...rest }): ScheduleInput => ({
    ...rest,
    finish: finishAfter === null ? null : new Date((rest.start?.getTime() ?? n) + finishAfter),
    ...(startLocal ? { startLocal } : {}),
    ...(finishLocal ? { finishLocal } : {}),
  })),
);

/** The window [W0, W1) as the rules define it, written out independently of the code. */
function windowOf(i: ScheduleInput, tz: string): [number, number] {
  if (!i.recipientLocalTime) return [i.start?.getTime() ?? i.now.getTime(), i.finish?.getTime() ?? Infinity];
  const org = zoneFor(i.orgTimezone, "UTC");
  const startLocal = i.startLocal ?? (i.start && instantToWallClock(i.start, org));
  const finishLocal = i.finishLocal ?? (i.finish && instantToWallClock(i.finish, org));
  return [startLocal ? wallClockToInstant(startLocal, tz).getTime() : i.now.getTime(), finishLocal ? wallClockToInstant(finishLocal, tz).getTime() : Infinity];
}

describe("computeSendTime properties", () => {
  it("sends inside the window and the contact's hours, at the first such moment, or skips for the right reason", () => {
    fc.assert(
      fc.property(input, (i) => {
        const decision = computeSendTime(i);
        const tz = zoneFor(i.contactTimezone, i.orgTimezone);
        const [w0, w1] = windowOf(i, tz);
        const earliest = Math.max(w0, i.now.getTime());
        if (earliest >= w1) {
          expect(decision).toEqual({ action: "skip", reason: "window-passed" });
          return;
        }

        const hours = i.respectBusinessHours ? hoursOf(i.notifyFrom, i.notifyTo) : null;
        const open = (t: number) => !hours || inHours(timeOfDayOf(wallMsAt(t, tz)), hours);
        // Every offset, hour boundary and transition in these zones is on a UTC quarter hour, so
        // the first moment inside both is `earliest` or a quarter hour: scan them (3 days is
        // more than any hours need to recur).
        let expected: number | null = open(earliest) ? earliest : null;
        for (let t = Math.ceil(earliest / QUARTER) * QUARTER; expected === null && t < Math.min(w1, earliest + 3 * DAY); t += QUARTER) {
          if (open(t)) expected = t;
        }
        if (expected === null) {
          expect(decision).toEqual({ action: "skip", reason: "outside-business-hours" });
          return;
        }

        expect(decision).toEqual({ action: "send", at: new Date(expected), moved: expected > earliest });
        // And spelled out: inside the window, never before now, inside the hours.
        expect(expected).toBeGreaterThanOrEqual(Math.max(w0, i.now.getTime()));
        expect(expected).toBeLessThan(w1);
        expect(open(expected)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("without business hours, sends exactly at max(window start, now)", () => {
    fc.assert(
      fc.property(input, (i) => {
        const decision = computeSendTime({ ...i, respectBusinessHours: false });
        if (decision.action === "send") {
          const [w0] = windowOf(i, zoneFor(i.contactTimezone, i.orgTimezone));
          expect(decision).toEqual({ action: "send", at: new Date(Math.max(w0, i.now.getTime())), moved: false });
        } else {
          expect(decision.reason).toBe("window-passed");
        }
      }),
      { numRuns: 300 },
    );
  });
});
