import { describe, expect, it } from "vitest";
import { openJson, openSecret, sealJson, sealSecret } from "@/lib/secret-box";

describe("secret box", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = sealSecret("SG.very-secret-key");
    expect(sealed).not.toContain("very-secret");
    expect(openSecret(sealed)).toBe("SG.very-secret-key");
    expect(sealSecret("same")).not.toBe(sealSecret("same"));
    expect(openJson(sealJson({ password: "p@ss" }))).toEqual({ password: "p@ss" });
  });

  it("refuses tampered data", () => {
    const [v, iv, tag, body] = sealSecret("secret").split(".");
    const flipped = body.slice(0, -2) + (body.endsWith("A") ? "BB" : "AA");
    expect(() => openSecret([v, iv, tag, flipped].join("."))).toThrow(/cannot be decrypted/);
    expect(() => openSecret("garbage")).toThrow(/unreadable/);
  });
});
