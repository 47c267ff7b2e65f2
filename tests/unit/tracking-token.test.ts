import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { clickToken, clickUrl, openPixelUrl, openToken, unsubscribeToken, unsubscribeUrl, verifyToken } from "@/lib/tracking/tracking-token";

const saved = { ...process.env };
const KEY_A = "a".repeat(64);
const KEY_B = "b".repeat(64);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-tracking-"));
const useKey = (key: string) => {
  process.env.HERALD_HMAC_KEY = key;
  process.env.HERALD_DATA_DIR = dataDir;
  resetEnvCache();
};

beforeEach(() => useKey(KEY_A));
afterAll(() => {
  process.env = { ...saved };
  resetEnvCache();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const IDS = [1, 2, 127, 128, 16_383, 16_384, 2 ** 31 - 1, 2 ** 32, 2 ** 32 + 1, 1_000_000_000_007, 2 ** 53 - 2, Number.MAX_SAFE_INTEGER];

/** A token built by hand and signed with the real derived key, to reach checks behind the MAC. */
function craft(kind: "open" | "click", bytes: number[]): string {
  const key = createHmac("sha256", KEY_A).update(`herald.tracking.v1.${kind}`).digest();
  const payload = Buffer.from(bytes);
  const mac = createHmac("sha256", key).update(payload).digest().subarray(0, 12);
  return Buffer.concat([payload, mac]).toString("base64url");
}

describe("tracking tokens", () => {
  it.each(IDS)("round-trips message id %d for every kind", (id) => {
    expect(verifyToken(openToken(id))).toEqual({ kind: "open", messageId: id });
    expect(verifyToken(unsubscribeToken(id))).toEqual({ kind: "unsub", messageId: id });
    for (const link of [0, 1, 127, 128, 999, 2 ** 31 - 1]) {
      expect(verifyToken(clickToken(id, link))).toEqual({ kind: "click", messageId: id, linkIndex: link });
    }
  });

  it("is compact and URL-safe", () => {
    expect(openToken(1)).toMatch(/^[A-Za-z0-9_-]{19}$/);
    const longest = clickToken(Number.MAX_SAFE_INTEGER, 2 ** 31 - 1);
    expect(longest).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(longest.length).toBeLessThanOrEqual(35);
    expect(encodeURIComponent(longest)).toBe(longest);
  });

  it("refuses every single-character change, deletion, insertion and truncation", () => {
    for (const token of [openToken(42), clickToken(2 ** 40 + 3, 7), unsubscribeToken(Number.MAX_SAFE_INTEGER)]) {
      const kind = verifyToken(token)!.kind;
      for (let i = 0; i < token.length; i++) {
        for (const c of ALPHABET) {
          if (c !== token[i]) expect(verifyToken(token.slice(0, i) + c + token.slice(i + 1)), `${token} @${i}=${c}`).toBeNull();
        }
        expect(verifyToken(token.slice(0, i) + token.slice(i + 1))).toBeNull();
        expect(verifyToken(token.slice(0, i) + "A" + token.slice(i))).toBeNull();
        expect(verifyToken(token.slice(0, i))).toBeNull();
      }
      expect(verifyToken(token + "A")).toBeNull();
      expect(verifyToken(token + "=")).toBeNull();
      expect(verifyToken(token, kind)).not.toBeNull();
    }
  });

  it("refuses a token of one kind as another", () => {
    expect(verifyToken(openToken(5), "click")).toBeNull();
    expect(verifyToken(openToken(5), "unsub")).toBeNull();
    expect(verifyToken(clickToken(5, 0), "open")).toBeNull();
    expect(verifyToken(unsubscribeToken(5), "open")).toBeNull();
    expect(verifyToken(openToken(5), "open")).toEqual({ kind: "open", messageId: 5 });
    // Relabelling the kind byte keeps the MAC of the old kind: refused.
    for (const [token, relabel] of [[openToken(5), 0x13], [unsubscribeToken(5), 0x11], [openToken(5), 0x12]] as const) {
      const buf = Buffer.from(token, "base64url");
      buf[0] = relabel;
      expect(verifyToken(buf.toString("base64url"))).toBeNull();
    }
  });

  it("refuses tokens signed with another key", () => {
    const token = clickToken(123, 4);
    useKey(KEY_B);
    expect(verifyToken(token)).toBeNull();
    expect(verifyToken(clickToken(123, 4))).toEqual({ kind: "click", messageId: 123, linkIndex: 4 });
    useKey(KEY_A);
    expect(verifyToken(token)).toEqual({ kind: "click", messageId: 123, linkIndex: 4 });
  });

  it("refuses correctly signed but malformed payloads", () => {
    expect(verifyToken(craft("open", [0x11, 5]))).toEqual({ kind: "open", messageId: 5 });
    expect(verifyToken(craft("open", [0x11, 0]))).toBeNull(); // id 0
    expect(verifyToken(craft("open", [0x11, 0x85, 0x00]))).toBeNull(); // padded varint for 5
    expect(verifyToken(craft("open", [0x11, 5, 1]))).toBeNull(); // trailing byte
    expect(verifyToken(craft("open", [0x11, 0x85]))).toBeNull(); // varint runs off the end
    expect(verifyToken(craft("open", [0x21, 5]))).toBeNull(); // unknown version
    expect(verifyToken(craft("open", [0x11, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]))).toBeNull(); // 2^56 - 1
    expect(verifyToken(craft("click", [0x12, 5]))).toBeNull(); // click without a link index
    expect(verifyToken(craft("click", [0x12, 5, 0x80, 0x80, 0x80, 0x80, 0x08]))).toBeNull(); // link index 2^31
  });

  it.each([undefined, null, 42, {}, "", "A", "====", "ü".repeat(20), "A".repeat(41), "AAAAAAAAAAAAAAAAAAA=", "../../etc/passwd", "AAAAAAAA.AAAAAAAAAA"])(
    "refuses %j",
    (junk) => expect(verifyToken(junk)).toBeNull(),
  );

  it.each([0, -1, 1.5, NaN, Infinity, 2 ** 53])("refuses to sign message id %d", (id) => {
    expect(() => openToken(id)).toThrow(RangeError);
  });

  it.each([-1, 0.5, 2 ** 31, NaN])("refuses to sign link index %d", (index) => {
    expect(() => clickToken(1, index)).toThrow(RangeError);
  });

  it("builds the addresses the routes serve", () => {
    expect(openPixelUrl("https://mail.example.com/", 9)).toBe(`https://mail.example.com/t/o/${openToken(9)}`);
    expect(clickUrl("https://mail.example.com", 9, 2)).toBe(`https://mail.example.com/t/c/${clickToken(9, 2)}`);
    expect(unsubscribeUrl("https://mail.example.com", 9)).toBe(`https://mail.example.com/u/${unsubscribeToken(9)}`);
  });
});
