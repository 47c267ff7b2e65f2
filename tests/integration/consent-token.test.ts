import { describe, expect, it } from "vitest";
import { preferenceCentreUrl, signContactToken, verifyContactToken } from "@/lib/audience/consent/contact-token";

const claims = { orgId: "org_abcdefghjkmnpqrstvwx", contactId: 12345, purpose: "confirm" as const, listId: "lst_abcdefghjkmnpqrstvwx" };
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** Flips one character of `s` at `i` to another base64url character. */
const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

describe("contact tokens", () => {
  it("round-trips the claims, with and without an expiry", () => {
    const exp = inAnHour();
    expect(verifyContactToken(signContactToken({ ...claims, exp }), "confirm")).toEqual({ ...claims, exp });
    const pref = signContactToken({ orgId: claims.orgId, contactId: 7, purpose: "preferences" });
    expect(verifyContactToken(pref, "preferences")).toEqual({ orgId: claims.orgId, contactId: 7, purpose: "preferences" });
  });

  it("refuses any tampering with the payload or the signature", () => {
    const token = signContactToken({ ...claims, exp: inAnHour() });
    const [payload, sig] = token.split(".");
    for (let i = 0; i < payload.length; i += 3) expect(verifyContactToken(`${flip(payload, i)}.${sig}`, "confirm")).toBeNull();
    for (let i = 0; i < sig.length; i += 3) expect(verifyContactToken(`${payload}.${flip(sig, i)}`, "confirm")).toBeNull();
    // A payload re-encoded with another contact (or org) keeps the old signature, which no longer fits.
    const forged = b64({ o: claims.orgId, c: 99999, p: "confirm", l: claims.listId });
    expect(verifyContactToken(`${forged}.${sig}`, "confirm")).toBeNull();
    expect(verifyContactToken(`${payload}.`, "confirm")).toBeNull();
    expect(verifyContactToken(`${payload}`, "confirm")).toBeNull();
    expect(verifyContactToken(`${payload}.${sig}.x`, "confirm")).toBeNull();
    expect(verifyContactToken("", "confirm")).toBeNull();
    expect(verifyContactToken(null, "confirm")).toBeNull();
  });

  it("refuses an expired token", () => {
    const past = Math.floor(Date.now() / 1000) - 1;
    expect(verifyContactToken(signContactToken({ ...claims, exp: past }), "confirm")).toBeNull();
    const exp = inAnHour();
    const token = signContactToken({ ...claims, exp });
    expect(verifyContactToken(token, "confirm", (exp + 1) * 1000)).toBeNull();
  });

  it("refuses a token made for the other purpose", () => {
    expect(verifyContactToken(signContactToken(claims), "preferences")).toBeNull();
    expect(verifyContactToken(signContactToken({ ...claims, purpose: "preferences" }), "confirm")).toBeNull();
  });

  it("builds a preference-centre URL whose token opens that contact's preferences", () => {
    const url = new URL(preferenceCentreUrl(claims.orgId, 42));
    expect(url.pathname).toMatch(/^\/p\/[\w-]+\.[\w-]+$/);
    expect(verifyContactToken(url.pathname.slice(3), "preferences")).toMatchObject({ orgId: claims.orgId, contactId: 42 });
  });
});
