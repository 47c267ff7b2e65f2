import { send, skip, type ScheduleCase } from "./schedule-case";

/**
 * Scheduling across DST changes in 2026. Offsets used to work out the expected instants:
 * - Europe/Berlin: CET +1, CEST +2; forward 29 Mar 01:00Z (02:00 -> 03:00), back 25 Oct 01:00Z (03:00 -> 02:00).
 * - America/New_York: EST -5, EDT -4; forward 8 Mar 07:00Z (02:00 -> 03:00), back 1 Nov 06:00Z (02:00 -> 01:00).
 * - Australia/Sydney: AEDT +11 until 5 Apr 16:00Z (03:00 -> 02:00), then AEST +10.
 * - Australia/Lord_Howe: +11 / +10:30, a half-hour change: back 4 Apr 15:00Z (02:00 -> 01:30),
 *   forward 3 Oct 15:30Z (02:00 -> 02:30).
 * Names with "DST gap" or "DST fold" are the ones where a time falls in the transition itself,
 * which Postgres' `AT TIME ZONE` resolves differently (see zoned-time.ts).
 */
const local = (startLocal: string, contactTimezone: string, now = "2026-01-01T00:00:00.000Z") => ({
  recipientLocalTime: true,
  startLocal,
  contactTimezone,
  now,
});
const hours = (notifyFrom: string, notifyTo: string) => ({ respectBusinessHours: true, notifyFrom, notifyTo });

export const TRANSITION_CASES: ScheduleCase[] = [
  { name: "DST: Berlin 09:00 the day before spring forward (CET)", input: local("2026-03-28T09:00", "Europe/Berlin"), expected: send("2026-03-28T08:00:00.000Z") },
  { name: "DST: Berlin 09:00 on the spring-forward day (CEST)", input: local("2026-03-29T09:00", "Europe/Berlin"), expected: send("2026-03-29T07:00:00.000Z") },
  { name: "DST gap: Berlin 02:30 opens when the clock jumps", input: local("2026-03-29T02:30", "Europe/Berlin"), expected: send("2026-03-29T01:00:00.000Z") },
  { name: "DST fold: Berlin 02:30 is the earlier reading (CEST)", input: local("2026-10-25T02:30", "Europe/Berlin"), expected: send("2026-10-25T00:30:00.000Z") },
  { name: "DST: Berlin 09:00 on the fall-back day (CET)", input: local("2026-10-25T09:00", "Europe/Berlin"), expected: send("2026-10-25T08:00:00.000Z") },
  // 01:10Z is 02:10 CET, the clock's second pass: the 02:30 finish (00:30Z) has passed.
  {
    name: "DST fold: Berlin finish 02:30 passed during the second pass",
    input: { recipientLocalTime: true, finishLocal: "2026-10-25T02:30", contactTimezone: "Europe/Berlin", now: "2026-10-25T01:10:00.000Z" },
    expected: skip("window-passed"),
  },
  { name: "DST: New York 09:00 the day before spring forward (EST)", input: local("2026-03-07T09:00", "America/New_York"), expected: send("2026-03-07T14:00:00.000Z") },
  { name: "DST: New York 09:00 on the spring-forward day (EDT)", input: local("2026-03-08T09:00", "America/New_York"), expected: send("2026-03-08T13:00:00.000Z") },
  { name: "DST: Berlin still on CET while New York moved", input: local("2026-03-08T09:00", "Europe/Berlin"), expected: send("2026-03-08T08:00:00.000Z") },
  { name: "DST gap: New York 02:30 opens when the clock jumps", input: local("2026-03-08T02:30", "America/New_York"), expected: send("2026-03-08T07:00:00.000Z") },
  { name: "DST fold: New York 01:30 is the earlier reading (EDT)", input: local("2026-11-01T01:30", "America/New_York"), expected: send("2026-11-01T05:30:00.000Z") },
  { name: "DST: New York 09:00 on the fall-back day (EST)", input: local("2026-11-01T09:00", "America/New_York"), expected: send("2026-11-01T14:00:00.000Z") },
  { name: "DST: Sydney 09:00 the day before fall back (AEDT)", input: local("2026-04-04T09:00", "Australia/Sydney"), expected: send("2026-04-03T22:00:00.000Z") },
  { name: "DST: Sydney 09:00 on the fall-back day (AEST)", input: local("2026-04-05T09:00", "Australia/Sydney"), expected: send("2026-04-04T23:00:00.000Z") },
  { name: "DST fold: Lord Howe half-hour fold, 01:45 is the earlier reading (+11)", input: local("2026-04-05T01:45", "Australia/Lord_Howe"), expected: send("2026-04-04T14:45:00.000Z") },
  { name: "DST gap: Lord Howe half-hour gap, 02:15 opens at the jump", input: local("2026-10-04T02:15", "Australia/Lord_Howe"), expected: send("2026-10-03T15:30:00.000Z") },

  // Business hours 09:00-17:00 across the changes: 21:00 / 22:00 / 18:00 the evening before.
  { name: "DST: Berlin hours, next morning is CEST", input: { ...hours("09:00", "17:00"), contactTimezone: "Europe/Berlin", now: "2026-03-28T20:00:00.000Z" }, expected: send("2026-03-29T07:00:00.000Z", true) },
  { name: "DST: Berlin hours, next morning is CET", input: { ...hours("09:00", "17:00"), contactTimezone: "Europe/Berlin", now: "2026-10-24T20:00:00.000Z" }, expected: send("2026-10-25T08:00:00.000Z", true) },
  { name: "DST: New York hours, next morning is EDT", input: { ...hours("09:00", "17:00"), contactTimezone: "America/New_York", now: "2026-03-07T23:00:00.000Z" }, expected: send("2026-03-08T13:00:00.000Z", true) },
  { name: "DST: New York hours, next morning is EST", input: { ...hours("09:00", "17:00"), contactTimezone: "America/New_York", now: "2026-10-31T22:00:00.000Z" }, expected: send("2026-11-01T14:00:00.000Z", true) },
  {
    name: "DST: local multi-day window across spring forward, hours next morning",
    input: { ...local("2026-03-28T18:30", "Europe/Berlin"), finishLocal: "2026-03-30T12:00", ...hours("09:00", "18:00") },
    expected: send("2026-03-29T07:00:00.000Z", true),
  },
  // 23:30Z is 00:30 CET; the clock jumps over 02:30 at 01:00Z.
  { name: "DST gap: hours opening inside the gap open at the jump", input: { ...hours("02:30", "05:00"), contactTimezone: "Europe/Berlin", now: "2026-03-28T23:30:00.000Z" }, expected: send("2026-03-29T01:00:00.000Z", true) },
  // 00:30Z is 01:30 CET, inside 01:00-02:30; 01:05Z is 03:05 CEST, past it: 01:00 CEST next day.
  { name: "DST gap: inside hours that end in the gap", input: { ...hours("01:00", "02:30"), contactTimezone: "Europe/Berlin", now: "2026-03-29T00:30:00.000Z" }, expected: send("2026-03-29T00:30:00.000Z") },
  { name: "DST gap: past hours that end in the gap", input: { ...hours("01:00", "02:30"), contactTimezone: "Europe/Berlin", now: "2026-03-29T01:05:00.000Z" }, expected: send("2026-03-29T23:00:00.000Z", true) },
  // 05:10Z is 01:10 EDT (first pass), 06:10Z is 01:10 EST (second pass); 01:30 is 05:30Z then 06:30Z.
  { name: "DST fold: first pass before hours opening in the fold", input: { ...hours("01:30", "05:00"), contactTimezone: "America/New_York", now: "2026-11-01T05:10:00.000Z" }, expected: send("2026-11-01T05:30:00.000Z", true) },
  { name: "DST fold: second pass before hours opening in the fold", input: { ...hours("01:30", "05:00"), contactTimezone: "America/New_York", now: "2026-11-01T06:10:00.000Z" }, expected: send("2026-11-01T06:30:00.000Z", true) },
  { name: "DST fold: second pass inside the hours", input: { ...hours("01:00", "05:00"), contactTimezone: "America/New_York", now: "2026-11-01T06:10:00.000Z" }, expected: send("2026-11-01T06:10:00.000Z") },
];
