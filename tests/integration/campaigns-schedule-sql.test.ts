import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { query } from "@/db";
import { caseInput, computeSendTime, decisionShape, SCHEDULE_CASES, type ScheduleCase, type ScheduleInput } from "@/lib/campaigns/schedule/compute-send-time";
import { withScheduleSql, type ScheduleSqlParams } from "@/lib/campaigns/schedule/schedule-sql";

/**
 * The intake's SQL scheduling (schedule-sql.ts) against `computeSendTime`: the shared case
 * table, hand-made tables across DST changes and the date line (many contacts in one statement,
 * as the intake runs it), and random inputs. Postgres resolves gaps and folds its own way; the
 * SQL works around that, so the DST gap and fold cases are held to the same answers.
 */
type Person = { timezone: string | null; notifyFrom: string | null; notifyTo: string | null };
type Shape = ScheduleCase["expected"];

const paramsOf = (i: ScheduleInput): ScheduleSqlParams => ({
  now: i.now,
  start: i.start,
  finish: i.finish,
  startLocal: i.startLocal ?? null,
  finishLocal: i.finishLocal ?? null,
  recipientLocalTime: i.recipientLocalTime,
  respectBusinessHours: i.respectBusinessHours,
  orgTimezone: i.orgTimezone,
});

/** One statement over `people`, as the intake would schedule them; decisions in their order. */
async function viaSql(p: ScheduleSqlParams, people: Person[]): Promise<Shape[]> {
  const rows = sql.join(
    people.map((c, i) => sql`(${i}::int, ${c.timezone}::text, ${c.notifyFrom}::time, ${c.notifyTo}::time)`),
    sql`, `,
  );
  const source = sql`SELECT * FROM (VALUES ${rows}) AS t(i, timezone, notify_from, notify_to)`;
  const out = await query<{ i: number; sch_at: string | Date | null; sch_skip: string | null; sch_moved: boolean }>(
    sql`SELECT i, sch_at, sch_skip, sch_moved FROM (${withScheduleSql(source, p)}) s ORDER BY i`,
  );
  return out.map((r) =>
    r.sch_skip ? { action: "skip", reason: r.sch_skip as "window-passed" } : { action: "send", at: new Date(r.sch_at as string).toISOString(), moved: r.sch_moved },
  );
}

const personOf = (i: ScheduleInput): Person => ({ timezone: i.contactTimezone, notifyFrom: i.notifyFrom, notifyTo: i.notifyTo });
const viaJs = (base: ScheduleInput, people: Person[]) =>
  people.map((p) => decisionShape(computeSendTime({ ...base, contactTimezone: p.timezone, notifyFrom: p.notifyFrom, notifyTo: p.notifyTo })));

describe("schedule SQL: the shared case table", () => {
  it.each(SCHEDULE_CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const input = caseInput(c);
    expect(await viaSql(paramsOf(input), [personOf(input)])).toEqual([c.expected]);
  });

  it("decides every case of one campaign the same way in one statement", async () => {
    // The LOCAL cases share one campaign (09:00-17:00 on 1 December): run their contacts together.
    const shared = SCHEDULE_CASES.filter((c) => c.name.startsWith("local time:"));
    expect(shared.length).toBeGreaterThan(5);
    const input = caseInput(shared[0]);
    expect(await viaSql(paramsOf(input), shared.map((c) => personOf(caseInput(c))))).toEqual(shared.map((c) => c.expected));
  });
});

const ZONES = [
  "Europe/Berlin",
  "Europe/London",
  "America/New_York",
  "America/Santiago",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "Pacific/Tongatapu",
  "Asia/Kathmandu",
  "UTC",
  null,
];
const HOURS: [string | null, string | null][] = [
  [null, null],
  ["09:00", "17:00"],
  ["02:30", "05:00"],
  ["01:00", "02:30"],
  ["00:00", "08:00"],
  ["13:00", null],
  [null, "08:00"],
];
const everyone: Person[] = ZONES.flatMap((timezone) => HOURS.map(([notifyFrom, notifyTo]) => ({ timezone, notifyFrom, notifyTo })));

const base = (over: Partial<ScheduleInput>): ScheduleInput => ({
  now: new Date("2026-01-01T00:00:00Z"),
  start: null,
  finish: null,
  recipientLocalTime: false,
  respectBusinessHours: true,
  contactTimezone: null,
  orgTimezone: "America/New_York",
  notifyFrom: null,
  notifyTo: null,
  ...over,
});

// Each row: a campaign, run for every zone x hours combination in one statement.
const TABLE: [string, ScheduleInput][] = [
  ["local 02:30-12:00 on Berlin's spring-forward day", base({ recipientLocalTime: true, startLocal: "2026-03-29T02:30", finishLocal: "2026-03-29T12:00" })],
  ["local 01:30-09:00 on New York's fall-back day", base({ recipientLocalTime: true, startLocal: "2026-11-01T01:30", finishLocal: "2026-11-01T09:00" })],
  ["local evening to next noon across Sydney's fall back", base({ recipientLocalTime: true, startLocal: "2026-04-04T19:00", finishLocal: "2026-04-05T12:00" })],
  ["local Lord Howe half-hour change, two days", base({ recipientLocalTime: true, startLocal: "2026-10-03T20:00", finishLocal: "2026-10-05T20:00" })],
  ["launched during Berlin's fall-back fold, open end", base({ now: new Date("2026-10-25T00:45:00Z") })],
  ["launched during New York's spring-forward, finish in 6 hours", base({ now: new Date("2026-03-08T06:30:00Z"), finish: new Date("2026-03-08T12:30:00Z") })],
  ["absolute window across the date line", base({ start: new Date("2026-12-31T09:00:00Z"), finish: new Date("2027-01-01T11:00:00Z") })],
  ["local new-year morning, both sides of the date line", base({ recipientLocalTime: true, startLocal: "2027-01-01T08:00", finishLocal: "2027-01-01T10:00" })],
  ["late launch of a local window, some zones passed", base({ now: new Date("2026-12-01T09:00:00Z"), recipientLocalTime: true, startLocal: "2026-12-01T09:00", finishLocal: "2026-12-01T17:00" })],
  ["local start from the absolute one in the org's zone", base({ recipientLocalTime: true, start: new Date("2026-03-08T14:00:00Z"), finish: new Date("2026-03-09T02:00:00Z") })],
  ["hours off: local time alone", base({ respectBusinessHours: false, recipientLocalTime: true, startLocal: "2026-03-29T02:30" })],
];

describe("schedule SQL: tables across DST changes and the date line", () => {
  it.each(TABLE)("%s", async (_name, input) => {
    expect(await viaSql(paramsOf(input), everyone)).toEqual(viaJs(input, everyone));
  });

  it("agrees with hand-worked times at the date line", async () => {
    // 2027-01-01 08:00 local: Kiritimati (+14) 18:00Z on 31 Dec, Pago Pago (-11) 19:00Z on 1 Jan,
    // Tongatapu (+13) 19:00Z on 31 Dec; with hours from 09:00 each moves an hour later.
    const input = TABLE.find(([n]) => n.startsWith("local new-year"))![1];
    const people: Person[] = [
      { timezone: "Pacific/Kiritimati", notifyFrom: null, notifyTo: null },
      { timezone: "Pacific/Pago_Pago", notifyFrom: null, notifyTo: null },
      { timezone: "Pacific/Tongatapu", notifyFrom: "09:00", notifyTo: "17:00" },
    ];
    expect(await viaSql(paramsOf(input), people)).toEqual([
      { action: "send", at: "2026-12-31T18:00:00.000Z", moved: false },
      { action: "send", at: "2027-01-01T19:00:00.000Z", moved: false },
      { action: "send", at: "2026-12-31T20:00:00.000Z", moved: true },
    ]);
  });
});

// Random campaigns near 2026's transitions, a handful of random contacts each, one statement per campaign.
const ZONE_POOL = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Australia/Sydney", "Australia/Lord_Howe", "Not/AZone"];
const TRANSITIONS = ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z", "2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z", "2026-04-04T16:00:00Z", "2026-10-03T15:30:00Z"].map(Date.parse);
const DAY = 86_400_000;
const QUARTER = 900_000;
const tod = fc.integer({ min: 0, max: 95 }).map((q) => `${String(Math.floor(q / 4)).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}`);
const localNear = (t: number) => fc.integer({ min: -192, max: 288 }).map((q) => new Date(Math.floor(t / QUARTER) * QUARTER + q * QUARTER).toISOString().slice(0, 16));
const campaign = fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -2 * DAY, max: DAY })).chain(([t, d]) => {
  const n = t + d;
  return fc.record({
    now: fc.constant(new Date(n)),
    start: fc.option(fc.integer({ min: -DAY, max: 2 * DAY }).map((x) => new Date(n + x))),
    finish: fc.option(fc.integer({ min: 0, max: 3 * DAY }).map((x) => new Date(n + x))),
    startLocal: fc.option(localNear(n), { nil: undefined }),
    finishLocal: fc.option(localNear(n + DAY), { nil: undefined }),
    recipientLocalTime: fc.boolean(),
    respectBusinessHours: fc.boolean(),
    contactTimezone: fc.constant(null),
    orgTimezone: fc.constantFrom(...ZONE_POOL.slice(0, -1)),
    notifyFrom: fc.constant(null),
    notifyTo: fc.constant(null),
  });
});
const people = fc.array(fc.record({ timezone: fc.option(fc.constantFrom(...ZONE_POOL)), notifyFrom: fc.option(tod), notifyTo: fc.option(tod) }), { minLength: 1, maxLength: 8 });

describe("schedule SQL: random campaigns", () => {
  it("decides like computeSendTime", async () => {
    await fc.assert(
      fc.asyncProperty(campaign, people, async (c, ps) => {
        const input = { ...c, ...(c.startLocal ? {} : { startLocal: undefined }), ...(c.finishLocal ? {} : { finishLocal: undefined }) } as ScheduleInput;
        expect(await viaSql(paramsOf(input), ps)).toEqual(viaJs(input, ps));
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
