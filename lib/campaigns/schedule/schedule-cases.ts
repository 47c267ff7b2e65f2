import { send, skip, type ScheduleCase } from "./schedule-case";
import { TRANSITION_CASES } from "./schedule-cases-transitions";

// A campaign at 09:00-17:00 on 1 December 2026, read in each recipient's zone.
const LOCAL_DEC1 = { recipientLocalTime: true, startLocal: "2026-12-01T09:00", finishLocal: "2026-12-01T17:00", orgTimezone: "America/New_York" };
const EARLY = "2026-11-30T12:00:00.000Z";
const HOURS = { respectBusinessHours: true };

const ABSOLUTE: ScheduleCase[] = [
  { name: "send now, no window", input: { now: "2026-12-01T10:00:00.000Z" }, expected: send("2026-12-01T10:00:00.000Z") },
  { name: "future start is kept", input: { now: "2026-12-01T10:00:00.000Z", start: "2026-12-01T15:00:00.000Z" }, expected: send("2026-12-01T15:00:00.000Z") },
  { name: "start passed, finish ahead: send now", input: { now: "2026-12-01T10:00:00.000Z", start: "2026-12-01T08:00:00.000Z", finish: "2026-12-01T20:00:00.000Z" }, expected: send("2026-12-01T10:00:00.000Z") },
  { name: "finish passed", input: { now: "2026-12-01T10:00:00.000Z", start: "2026-12-01T08:00:00.000Z", finish: "2026-12-01T09:00:00.000Z" }, expected: skip("window-passed") },
  { name: "finish is now: the finish itself is outside", input: { now: "2026-12-01T10:00:00.000Z", finish: "2026-12-01T10:00:00.000Z" }, expected: skip("window-passed") },
  { name: "finish before start", input: { now: "2026-12-01T10:00:00.000Z", start: "2026-12-01T15:00:00.000Z", finish: "2026-12-01T14:00:00.000Z" }, expected: skip("window-passed") },
  { name: "absolute window ignores the contact's zone", input: { now: EARLY, start: "2026-12-01T15:00:00.000Z", contactTimezone: "Asia/Tokyo" }, expected: send("2026-12-01T15:00:00.000Z") },
];

const LOCAL: ScheduleCase[] = [
  // Tokyo +9: 09:00 = 00:00Z. New York EST -5: 09:00 = 14:00Z.
  { name: "local time: Tokyo 09:00", input: { ...LOCAL_DEC1, now: EARLY, contactTimezone: "Asia/Tokyo" }, expected: send("2026-12-01T00:00:00.000Z") },
  { name: "local time: New York 09:00", input: { ...LOCAL_DEC1, now: EARLY, contactTimezone: "America/New_York" }, expected: send("2026-12-01T14:00:00.000Z") },
  { name: "local time: no zone uses the org's", input: { ...LOCAL_DEC1, now: EARLY }, expected: send("2026-12-01T14:00:00.000Z") },
  { name: "local time: unknown zone uses the org's", input: { ...LOCAL_DEC1, now: EARLY, contactTimezone: "Mars/Olympus" }, expected: send("2026-12-01T14:00:00.000Z") },
  // Kolkata +5:30: 03:30Z. Kathmandu +5:45: 03:15Z.
  { name: "local time: Kolkata half-hour zone", input: { ...LOCAL_DEC1, now: EARLY, contactTimezone: "Asia/Kolkata" }, expected: send("2026-12-01T03:30:00.000Z") },
  { name: "local time: Kathmandu quarter-hour zone", input: { ...LOCAL_DEC1, now: EARLY, contactTimezone: "Asia/Kathmandu" }, expected: send("2026-12-01T03:15:00.000Z") },
  // Kiritimati +14: 09:00 on 1 Dec = 19:00Z on 30 Nov. Pago Pago -11: 20:00Z on 1 Dec.
  { name: "local time: Kiritimati starts the day before in UTC", input: { ...LOCAL_DEC1, now: EARLY, contactTimezone: "Pacific/Kiritimati" }, expected: send("2026-11-30T19:00:00.000Z") },
  { name: "local time: Pago Pago starts last", input: { ...LOCAL_DEC1, now: EARLY, contactTimezone: "Pacific/Pago_Pago" }, expected: send("2026-12-01T20:00:00.000Z") },
  // Launched at 03:00Z: 12:00 in Tokyo (start passed, finish 08:00Z ahead).
  { name: "late launch: local start passed, finish ahead: send now", input: { ...LOCAL_DEC1, now: "2026-12-01T03:00:00.000Z", contactTimezone: "Asia/Tokyo" }, expected: send("2026-12-01T03:00:00.000Z") },
  // Launched at 09:00Z: Tokyo's finish was 08:00Z, Kiritimati's 03:00Z.
  { name: "late launch: Tokyo finish passed", input: { ...LOCAL_DEC1, now: "2026-12-01T09:00:00.000Z", contactTimezone: "Asia/Tokyo" }, expected: skip("window-passed") },
  { name: "late launch: Kiritimati finish passed", input: { ...LOCAL_DEC1, now: "2026-12-01T09:00:00.000Z", contactTimezone: "Pacific/Kiritimati" }, expected: skip("window-passed") },
  { name: "late launch: Pago Pago still ahead", input: { ...LOCAL_DEC1, now: "2026-12-01T09:00:00.000Z", contactTimezone: "Pacific/Pago_Pago" }, expected: send("2026-12-01T20:00:00.000Z") },
  // Send now with a local finish (17:00): Tokyo 08:00Z passed, New York 22:00Z ahead.
  { name: "send now, local finish passed", input: { recipientLocalTime: true, finishLocal: "2026-12-01T17:00", now: "2026-12-01T10:00:00.000Z", contactTimezone: "Asia/Tokyo" }, expected: skip("window-passed") },
  { name: "send now, local finish ahead", input: { recipientLocalTime: true, finishLocal: "2026-12-01T17:00", now: "2026-12-01T10:00:00.000Z", contactTimezone: "America/New_York" }, expected: send("2026-12-01T10:00:00.000Z") },
  // No startLocal: the absolute start (14:00Z) shown in the org's zone is 09:00 New York time.
  { name: "local time from the absolute start in the org's zone", input: { recipientLocalTime: true, start: "2026-12-01T14:00:00.000Z", orgTimezone: "America/New_York", now: EARLY, contactTimezone: "Asia/Tokyo" }, expected: send("2026-12-01T00:00:00.000Z") },
];

const BUSINESS_HOURS: ScheduleCase[] = [
  // Berlin CET +1: 14:00Z is 15:00, hours open at 16:00 = 15:00Z.
  { name: "hours: window starts before them: moved", input: { ...HOURS, now: EARLY, start: "2026-12-01T14:00:00.000Z", finish: "2026-12-01T22:00:00.000Z", contactTimezone: "Europe/Berlin", notifyFrom: "16:00", notifyTo: "18:00" }, expected: send("2026-12-01T15:00:00.000Z", true) },
  { name: "hours: window fits: unchanged", input: { ...HOURS, ...LOCAL_DEC1, now: EARLY, contactTimezone: "America/New_York", notifyFrom: "08:00", notifyTo: "18:00" }, expected: send("2026-12-01T14:00:00.000Z") },
  { name: "hours: Postgres time format", input: { ...HOURS, ...LOCAL_DEC1, now: EARLY, contactTimezone: "Asia/Tokyo", notifyFrom: "10:00:00", notifyTo: "19:00:00" }, expected: send("2026-12-01T01:00:00.000Z", true) },
  { name: "hours: no overlap: skipped", input: { ...HOURS, recipientLocalTime: true, startLocal: "2026-12-01T09:00", finishLocal: "2026-12-01T12:00", now: EARLY, contactTimezone: "Asia/Tokyo", notifyFrom: "13:00", notifyTo: "18:00" }, expected: skip("outside-business-hours") },
  { name: "hours: finish at their start: skipped", input: { ...HOURS, recipientLocalTime: true, startLocal: "2026-12-01T07:00", finishLocal: "2026-12-01T09:00", now: EARLY, contactTimezone: "Asia/Tokyo", notifyFrom: "09:00", notifyTo: "18:00" }, expected: skip("outside-business-hours") },
  { name: "hours: contact without hours is unconstrained", input: { ...HOURS, ...LOCAL_DEC1, now: EARLY, contactTimezone: "Asia/Tokyo" }, expected: send("2026-12-01T00:00:00.000Z") },
  { name: "hours: option off ignores them", input: { ...LOCAL_DEC1, now: EARLY, contactTimezone: "Asia/Tokyo", notifyFrom: "13:00", notifyTo: "14:00" }, expected: send("2026-12-01T00:00:00.000Z") },
  { name: "hours: only a start", input: { ...HOURS, ...LOCAL_DEC1, now: EARLY, contactTimezone: "Asia/Tokyo", notifyFrom: "10:00" }, expected: send("2026-12-01T01:00:00.000Z", true) },
  // Only "to 08:00": past it at 09:00, so the next local midnight (05:00Z on 2 Dec, EST).
  { name: "hours: only an end, next day", input: { ...HOURS, recipientLocalTime: true, startLocal: "2026-12-01T09:00", finishLocal: "2026-12-02T17:00", now: EARLY, contactTimezone: "America/New_York", notifyTo: "08:00" }, expected: send("2026-12-02T05:00:00.000Z", true) },
  // A window from 19:00 on 1 Dec to 12:00 on 3 Dec: the first hours are 09:00 on 2 Dec (14:00Z).
  { name: "hours: multi-day window, next morning", input: { ...HOURS, recipientLocalTime: true, startLocal: "2026-12-01T19:00", finishLocal: "2026-12-03T12:00", now: EARLY, contactTimezone: "America/New_York", notifyFrom: "09:00", notifyTo: "18:00" }, expected: send("2026-12-02T14:00:00.000Z", true) },
  { name: "hours: overnight window misses them", input: { ...HOURS, recipientLocalTime: true, startLocal: "2026-12-01T19:00", finishLocal: "2026-12-02T08:30", now: EARLY, contactTimezone: "America/New_York", notifyFrom: "09:00", notifyTo: "18:00" }, expected: skip("outside-business-hours") },
  { name: "hours: open-ended absolute window, next morning", input: { ...HOURS, now: EARLY, start: "2026-12-01T12:00:00.000Z", contactTimezone: "Asia/Tokyo", notifyFrom: "09:00", notifyTo: "18:00" }, expected: send("2026-12-02T00:00:00.000Z", true) },
  // Launched 03:00Z = 12:00 in Tokyo: start passed, hours open at 13:00 = 04:00Z.
  { name: "hours: late launch moves to the hours", input: { ...HOURS, ...LOCAL_DEC1, now: "2026-12-01T03:00:00.000Z", contactTimezone: "Asia/Tokyo", notifyFrom: "13:00", notifyTo: "18:00" }, expected: send("2026-12-01T04:00:00.000Z", true) },
  { name: "hours: late launch inside them: send now", input: { ...HOURS, ...LOCAL_DEC1, now: "2026-12-01T03:00:00.000Z", contactTimezone: "Asia/Tokyo", notifyFrom: "11:00", notifyTo: "18:00" }, expected: send("2026-12-01T03:00:00.000Z") },
  // 12:00Z is 02:00 on 2 Dec in Kiritimati (+14): 09:00 there = 19:00Z on 1 Dec.
  { name: "hours: Kiritimati, next local morning", input: { ...HOURS, now: EARLY, start: "2026-12-01T12:00:00.000Z", finish: "2026-12-01T23:00:00.000Z", contactTimezone: "Pacific/Kiritimati", notifyFrom: "09:00", notifyTo: "17:00" }, expected: send("2026-12-01T19:00:00.000Z", true) },
  // 12:00Z is 01:00 on 1 Dec in Pago Pago (-11): 09:00 there = 20:00Z.
  { name: "hours: Pago Pago, same local day", input: { ...HOURS, now: EARLY, start: "2026-12-01T12:00:00.000Z", finish: "2026-12-01T23:00:00.000Z", contactTimezone: "Pacific/Pago_Pago", notifyFrom: "09:00", notifyTo: "17:00" }, expected: send("2026-12-01T20:00:00.000Z", true) },
  { name: "hours: Kiritimati, window ends before them", input: { ...HOURS, now: EARLY, start: "2026-12-01T12:00:00.000Z", finish: "2026-12-01T18:00:00.000Z", contactTimezone: "Pacific/Kiritimati", notifyFrom: "09:00", notifyTo: "17:00" }, expected: skip("outside-business-hours") },
  // 03:00Z: 08:45 in Kathmandu, 08:30 in Kolkata.
  { name: "hours: Kathmandu 09:00 = 03:15Z", input: { ...HOURS, now: EARLY, start: "2026-12-01T03:00:00.000Z", contactTimezone: "Asia/Kathmandu", notifyFrom: "09:00", notifyTo: "17:00" }, expected: send("2026-12-01T03:15:00.000Z", true) },
  { name: "hours: Kolkata 09:00 = 03:30Z", input: { ...HOURS, now: EARLY, start: "2026-12-01T03:00:00.000Z", contactTimezone: "Asia/Kolkata", notifyFrom: "09:00", notifyTo: "17:00" }, expected: send("2026-12-01T03:30:00.000Z", true) },
];

export const SCHEDULE_CASES: readonly ScheduleCase[] = [...ABSOLUTE, ...LOCAL, ...BUSINESS_HOURS, ...TRANSITION_CASES];
