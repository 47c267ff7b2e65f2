import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  instantsAt,
  instantToWallClock,
  isValidTimeZone,
  offsetAt,
  parseLocalISO,
  wallClockToInstant,
  wallMsAt,
} from "@/lib/campaigns/schedule/zoned-time";

const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "Asia/Tokyo",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "America/Sao_Paulo",
];

describe("wallClockToInstant", () => {
  it.each([
    ["2026-12-01T09:00", "Asia/Tokyo", "2026-12-01T00:00:00.000Z"],
    ["2026-12-01T09:00", "America/New_York", "2026-12-01T14:00:00.000Z"],
    ["2026-07-01T09:00", "America/New_York", "2026-07-01T13:00:00.000Z"],
    ["2026-12-01T09:00", "Asia/Kolkata", "2026-12-01T03:30:00.000Z"],
    ["2026-12-01T09:00", "Asia/Kathmandu", "2026-12-01T03:15:00.000Z"],
    ["2026-12-01T09:00", "Pacific/Kiritimati", "2026-11-30T19:00:00.000Z"],
    ["2026-12-01T09:00", "Pacific/Pago_Pago", "2026-12-01T20:00:00.000Z"],
    ["2026-12-31T23:30:15.250", "Pacific/Kiritimati", "2026-12-31T09:30:15.250Z"],
    ["2026-12-01 09:00:30", "UTC", "2026-12-01T09:00:30.000Z"],
    // Gaps: the instant the clock jumps over the time.
    ["2026-03-29T02:00", "Europe/Berlin", "2026-03-29T01:00:00.000Z"],
    ["2026-03-29T02:59:59", "Europe/Berlin", "2026-03-29T01:00:00.000Z"],
    ["2026-03-29T03:00", "Europe/Berlin", "2026-03-29T01:00:00.000Z"],
    ["2026-03-29T01:59", "Europe/Berlin", "2026-03-29T00:59:00.000Z"],
    ["2026-03-08T02:30", "America/New_York", "2026-03-08T07:00:00.000Z"],
    ["2026-10-04T02:15", "Australia/Lord_Howe", "2026-10-03T15:30:00.000Z"],
    // Folds: the earlier reading.
    ["2026-10-25T02:00", "Europe/Berlin", "2026-10-25T00:00:00.000Z"],
    ["2026-10-25T02:59", "Europe/Berlin", "2026-10-25T00:59:00.000Z"],
    ["2026-10-25T03:00", "Europe/Berlin", "2026-10-25T02:00:00.000Z"],
    ["2026-11-01T01:00", "America/New_York", "2026-11-01T05:00:00.000Z"],
    ["2026-11-01T01:59", "America/New_York", "2026-11-01T05:59:00.000Z"],
    ["2026-04-05T02:30", "Australia/Sydney", "2026-04-04T15:30:00.000Z"],
  ])("%s in %s -> %s", (local, tz, expected) => {
    expect(wallClockToInstant(local, tz).toISOString()).toBe(expected);
  });

  it("finds both readings of a folded time, earlier first, and none in a gap", () => {
    expect(instantsAt(parseLocalISO("2026-10-25T02:30"), "Europe/Berlin").map((i) => new Date(i).toISOString())).toEqual([
      "2026-10-25T00:30:00.000Z",
      "2026-10-25T01:30:00.000Z",
    ]);
    expect(instantsAt(parseLocalISO("2026-03-29T02:30"), "Europe/Berlin")).toEqual([]);
    expect(instantsAt(parseLocalISO("2026-06-01T12:00"), "Europe/Berlin")).toHaveLength(1);
  });

  it.each(["2026-13-01T09:00", "2026-02-29T09:00", "2026-12-01T24:00", "2026-12-01T09:60", "2026-12-01", "yesterday", ""])(
    "refuses %j",
    (bad) => expect(() => wallClockToInstant(bad, "UTC")).toThrow(RangeError),
  );
});

describe("instantToWallClock", () => {
  it.each([
    ["2026-12-01T00:00:00Z", "Asia/Tokyo", "2026-12-01T09:00:00"],
    ["2026-11-30T19:00:00Z", "Pacific/Kiritimati", "2026-12-01T09:00:00"],
    ["2026-12-01T20:00:00Z", "Pacific/Pago_Pago", "2026-12-01T09:00:00"],
    ["2026-12-01T03:15:00Z", "Asia/Kathmandu", "2026-12-01T09:00:00"],
    ["2026-03-29T00:59:59Z", "Europe/Berlin", "2026-03-29T01:59:59"],
    ["2026-03-29T01:00:00Z", "Europe/Berlin", "2026-03-29T03:00:00"],
    ["2026-10-25T00:30:00Z", "Europe/Berlin", "2026-10-25T02:30:00"],
    ["2026-10-25T01:30:00Z", "Europe/Berlin", "2026-10-25T02:30:00"],
    ["2026-11-01T06:30:00Z", "America/New_York", "2026-11-01T01:30:00"],
    ["2026-12-01T00:00:00.123Z", "UTC", "2026-12-01T00:00:00.123"],
  ])("%s in %s -> %s", (instant, tz, expected) => {
    expect(instantToWallClock(new Date(instant), tz)).toBe(expected);
  });

  it("knows zone names and refuses unknown ones", () => {
    expect(isValidTimeZone("Asia/Kathmandu")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone(null)).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(offsetAt(Date.parse("2026-12-01T00:00:00Z"), "Asia/Kathmandu")).toBe((5 * 60 + 45) * 60_000);
  });
});

// Instants from 2025 to 2027, so every zone's transitions of those years are in range.
const instant = fc.integer({ min: Date.parse("2025-01-01T00:00:00Z"), max: Date.parse("2028-01-01T00:00:00Z") });
const zone = fc.constantFrom(...ZONES);

describe("zoned time properties", () => {
  it("reading an instant's wall clock back gives its first reading, which shows the same time", () => {
    fc.assert(
      fc.property(instant, zone, (t, tz) => {
        const back = wallClockToInstant(instantToWallClock(new Date(t), tz), tz).getTime();
        expect(back).toBeLessThanOrEqual(t);
        expect(wallMsAt(back, tz)).toBe(wallMsAt(t, tz));
      }),
      { numRuns: 2000 },
    );
  });

  it("a wall-clock time stands for the first instant the clock reads it or later", () => {
    fc.assert(
      fc.property(instant, zone, (w, tz) => {
        const at = wallClockToInstant(new Date(w).toISOString().slice(0, 23), tz).getTime();
        expect(wallMsAt(at, tz)).toBeGreaterThanOrEqual(w);
        expect(wallMsAt(at - 1, tz)).toBeLessThan(w);
      }),
      { numRuns: 2000 },
    );
  });
});
