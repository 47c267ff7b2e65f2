import { describe, expect, it } from "vitest";
import { describeTimeLeft, secondsLeft } from "@/lib/audience/imports/time-left";

describe("import time left", () => {
  const start = new Date("2026-12-02T10:00:00Z");
  const at = (s: number) => new Date(start.getTime() + s * 1000);

  it("extrapolates the pace so far", () => {
    expect(secondsLeft(start, 250_000, 1_000_000, at(10))).toBe(30);
    expect(secondsLeft(start, 100_000, 300_000, at(9))).toBe(18);
  });

  it("says nothing until there is a pace to go on, or once done", () => {
    expect(secondsLeft(null, 10, 100, at(10))).toBeNull();
    expect(secondsLeft(start, 0, 100, at(10))).toBeNull();
    expect(secondsLeft(start, 10, 100, at(2))).toBeNull();
    expect(secondsLeft(start, 9_999, 100_000, at(30))).toBeNull();
    expect(secondsLeft(start, 100, 100, at(10))).toBeNull();
    expect(secondsLeft(start, 10, null, at(10))).toBeNull();
    expect(secondsLeft(start, 10_000, 100_000, at(30))).toBe(270);
  });

  it("rounds like an estimate", () => {
    expect(describeTimeLeft(1)).toBe("about 5 s left");
    expect(describeTimeLeft(31)).toBe("about 35 s left");
    expect(describeTimeLeft(89)).toBe("about 1 min left");
    expect(describeTimeLeft(20 * 60 + 10)).toBe("about 20 min left");
    expect(describeTimeLeft(3600)).toBe("about 1 h left");
    expect(describeTimeLeft(80 * 60)).toBe("about 1 h 20 min left");
  });
});
