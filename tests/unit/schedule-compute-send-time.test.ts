import { describe, expect, it } from "vitest";
import { caseInput, computeSendTime, decisionShape, SCHEDULE_CASES, type ScheduleInput } from "@/lib/campaigns/schedule/compute-send-time";

const base: ScheduleInput = {
  now: new Date("2026-12-01T10:00:00Z"),
  start: null,
  finish: null,
  recipientLocalTime: false,
  respectBusinessHours: false,
  contactTimezone: null,
  orgTimezone: "UTC",
  notifyFrom: null,
  notifyTo: null,
};

describe("computeSendTime: the shared case table", () => {
  it("covers every rule", () => {
    const names = SCHEDULE_CASES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const results = SCHEDULE_CASES.map((c) => c.expected);
    expect(results.some((e) => e.action === "send" && e.moved)).toBe(true);
    expect(results.some((e) => e.action === "send" && !e.moved)).toBe(true);
    expect(results.some((e) => e.action === "skip" && e.reason === "window-passed")).toBe(true);
    expect(results.some((e) => e.action === "skip" && e.reason === "outside-business-hours")).toBe(true);
    expect(names.filter((n) => n.startsWith("DST gap")).length).toBeGreaterThanOrEqual(4);
    expect(names.filter((n) => n.startsWith("DST fold")).length).toBeGreaterThanOrEqual(4);
  });

  it.each(SCHEDULE_CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(decisionShape(computeSendTime(caseInput(c)))).toEqual(c.expected);
  });
});

describe("computeSendTime: inputs", () => {
  it("never schedules before now, even for a start long gone", () => {
    const d = computeSendTime({ ...base, start: new Date("2020-01-01T00:00:00Z") });
    expect(d).toEqual({ action: "send", at: base.now, moved: false });
  });

  it("uses UTC when neither the contact's nor the org's zone is known", () => {
    const d = computeSendTime({ ...base, now: new Date("2026-11-30T00:00:00Z"), recipientLocalTime: true, startLocal: "2026-12-01T09:00", contactTimezone: "Nowhere/Land", orgTimezone: "Also/Nowhere" });
    expect(d).toEqual({ action: "send", at: new Date("2026-12-01T09:00:00Z"), moved: false });
  });

  it("prefers startLocal over the absolute start when reading local time", () => {
    const d = computeSendTime({
      ...base,
      now: new Date("2026-11-30T00:00:00Z"),
      start: new Date("2026-12-05T00:00:00Z"),
      startLocal: "2026-12-01T09:00",
      recipientLocalTime: true,
      contactTimezone: "Asia/Tokyo",
    });
    expect(d).toEqual({ action: "send", at: new Date("2026-12-01T00:00:00Z"), moved: false });
  });

  it("ignores startLocal and finishLocal without recipient local time", () => {
    const d = computeSendTime({ ...base, startLocal: "2026-12-03T09:00", finishLocal: "2026-11-01T09:00" });
    expect(d).toEqual({ action: "send", at: base.now, moved: false });
  });

  it.each([
    ["a malformed wall-clock start", { recipientLocalTime: true, startLocal: "1 Dec 2026 9am" }],
    ["an impossible date", { recipientLocalTime: true, startLocal: "2026-02-30T09:00" }],
    ["an impossible hour", { recipientLocalTime: true, finishLocal: "2026-12-01T25:00" }],
    ["a malformed notify-from", { respectBusinessHours: true, notifyFrom: "9am", notifyTo: "18:00" }],
    ["a notify-to past midnight", { respectBusinessHours: true, notifyFrom: "09:00", notifyTo: "24:30" }],
  ])("refuses %s", (_name, patch) => {
    expect(() => computeSendTime({ ...base, ...patch })).toThrow(RangeError);
  });

  it("reads notify-to 24:00 as the end of the day", () => {
    const d = computeSendTime({ ...base, now: new Date("2026-12-01T23:59:00Z"), respectBusinessHours: true, notifyFrom: "20:00", notifyTo: "24:00" });
    expect(d).toEqual({ action: "send", at: new Date("2026-12-01T23:59:00Z"), moved: false });
  });

  it("reads hours whose end is before their start as crossing midnight", () => {
    const night = { ...base, respectBusinessHours: true, notifyFrom: "22:00", notifyTo: "06:00" };
    expect(computeSendTime({ ...night, now: new Date("2026-12-01T03:00:00Z") })).toEqual({ action: "send", at: new Date("2026-12-01T03:00:00Z"), moved: false });
    expect(computeSendTime({ ...night, now: new Date("2026-12-01T10:00:00Z") })).toEqual({ action: "send", at: new Date("2026-12-01T22:00:00Z"), moved: true });
  });

  it("treats equal ends (which the database refuses) as no constraint", () => {
    const d = computeSendTime({ ...base, respectBusinessHours: true, notifyFrom: "09:00", notifyTo: "09:00" });
    expect(d).toEqual({ action: "send", at: base.now, moved: false });
  });

  it("finds hours days away in a long window and gives up at its finish", () => {
    // Only 00:00-00:01 local: the first is next midnight.
    const tight = { ...base, respectBusinessHours: true, notifyFrom: "00:00", notifyTo: "00:01", contactTimezone: "Asia/Kathmandu" };
    expect(computeSendTime(tight)).toEqual({ action: "send", at: new Date("2026-12-01T18:15:00Z"), moved: true });
    expect(computeSendTime({ ...tight, finish: new Date("2026-12-01T18:15:00Z") })).toEqual({ action: "skip", reason: "outside-business-hours" });
  });
});
