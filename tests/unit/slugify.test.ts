import { describe, expect, it } from "vitest";
import { RESERVED_SLUGS, slugify } from "@/lib/orgs/slugify";

describe("slugify", () => {
  it.each([
    ["Acme Corp!", "acme-corp"],
    ["Acme", "acme"],
    ["  Hello   World  ", "hello-world"],
    ["Café Über Straße", "cafe-uber-stra-e"],
    ["--Leading and trailing--", "leading-and-trailing"],
    ["a_b.c/d", "a-b-c-d"],
    ["R2-D2 & C-3PO", "r2-d2-c-3po"],
    ["ACME 2024", "acme-2024"],
  ])("%j -> %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it.each(["", "   ", "!!!", "日本語", "---"])("falls back to 'org' for %j", (name) => {
    expect(slugify(name)).toBe("org");
  });

  it("is at most 40 characters and never ends with a hyphen after truncation", () => {
    const slug = slugify(`${"a".repeat(39)} bcd`);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe("a".repeat(39));
    expect(slugify("x".repeat(100))).toBe("x".repeat(40));
  });

  it("always yields URL-safe characters only", () => {
    for (const name of ["Ünïcödé Ørg", "a  b\tc\nd", "emoji 🚀 org", "<script>alert(1)</script>", "../../etc/passwd"]) {
      expect(slugify(name)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it("reserves the paths under /o/ that a slug must not shadow", () => {
    for (const s of ["new", "settings", "api"]) expect(RESERVED_SLUGS.has(s)).toBe(true);
    expect(RESERVED_SLUGS.has("acme")).toBe(false);
  });
});
