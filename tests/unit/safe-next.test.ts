import { describe, expect, it } from "vitest";
import { safeNext } from "@/app/_lib/safe-next";

describe("safeNext", () => {
  it.each(["/o/acme?x=1", "/o", "/", "/invite/abc123", "/o/acme/team#members", "/sign-in?next=%2Fo"])("keeps the same-site path %j", (next) => {
    expect(safeNext(next)).toBe(next);
  });

  it.each([
    ["protocol-relative", "//evil.com"],
    ["protocol-relative with path", "//evil.com/o/acme"],
    ["absolute https", "https://x"],
    ["absolute http", "http://evil.com/o"],
    ["backslash host", "/\\evil"],
    ["backslash host with path", "/\\evil.com/o"],
    ["javascript: scheme", "javascript:alert(1)"],
    ["relative path", "o/acme"],
    ["empty string", ""],
  ])("rejects %s (%j) with the fallback", (_label, next) => {
    expect(safeNext(next)).toBe("/o");
    expect(safeNext(next, "/home")).toBe("/home");
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a number", 42],
    ["an array", ["/o/acme"]],
    ["an object", { toString: () => "/o/acme" }],
  ])("rejects %s (not a string)", (_label, next) => {
    expect(safeNext(next)).toBe("/o");
  });
});

describe("safeNext keeps the browser on this site", () => {
  const base = "https://herald.example/sign-in";
  const staysOnSite = (next: string) => new URL(safeNext(next), base).origin === new URL(base).origin;

  it.each(["//evil.com", "https://evil.com", "/\\evil.com", "/o/acme?x=1"])("%j resolves to this origin", (next) => {
    expect(staysOnSite(next)).toBe(true);
  });

  // Browsers drop tab/CR/LF while parsing a URL, so "/\t/evil.com" would resolve to https://evil.com/
  // (an open redirect via ?next=/%09/evil.com) if only the prefix were checked.
  it.each(["/\t/evil.com", "/\n/evil.com", "/\r/evil.com", "/\t\\evil.com"])("%j resolves to this origin", (next) => {
    expect(staysOnSite(next)).toBe(true);
  });
});
