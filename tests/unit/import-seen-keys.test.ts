import { describe, expect, it } from "vitest";
import { SeenKeys } from "@/lib/audience/imports/seen-keys";

describe("SeenKeys (in-file duplicate candidates)", () => {
  it("finds every key it was given, across growth, and few it was not", () => {
    const seen = new SeenKeys(16);
    for (let i = 0; i < 200_000; i++) seen.add(`user${i}@example.com`);
    expect(seen.size).toBe(200_000);
    for (let i = 0; i < 200_000; i++) if (!seen.has(`user${i}@example.com`)) throw new Error(`lost user${i}`);
    let falseHits = 0;
    for (let i = 200_000; i < 400_000; i++) if (seen.has(`user${i}@example.com`)) falseHits++;
    // 64-bit hashes: a false hit is possible in principle (the import confirms candidates in SQL), never seen in practice.
    expect(falseHits).toBe(0);
  });

  it("counts a repeated key once and tells near keys apart", () => {
    const seen = new SeenKeys();
    seen.add("+4915112345678");
    seen.add("+4915112345678");
    expect(seen.size).toBe(1);
    expect(seen.has("+4915112345678")).toBe(true);
    expect(seen.has("+4915112345687")).toBe(false);
    expect(seen.has("")).toBe(false);
  });
});
