import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { loginCodes, users } from "@/db/schema";
import { LOGIN_CODE } from "@/lib/auth/login-code-policy";
import { requestLoginCode } from "@/lib/auth/request-login-code";
import { verifyLoginCode, verifyLoginLink } from "@/lib/auth/verify-login-code";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";
import { systemEmailsTo } from "../fixtures/org-state";
import { codeFrom, lastMessageTo, linkFrom } from "../fixtures/outbox";

const freshEmail = () => `codes-${randomBytes(5).toString("hex")}@example.test`;

/** Requests a code and returns what the e-mail carried. */
async function requestAndRead(email: string, name?: string) {
  await requestLoginCode({ email, name });
  const msg = await lastMessageTo(email.trim().toLowerCase());
  expect(msg).not.toBeNull();
  const code = codeFrom(msg!.text);
  const link = linkFrom(msg!.text, "/sign-in/verify");
  expect(code).toMatch(/^\d{6}$/);
  expect(link).not.toBeNull();
  return { msg: msg!, code: code!, link: link!, token: new URL(link!).searchParams.get("token")! };
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("sign-in codes", () => {
  it("e-mails a 6-digit code and a magic link for the address", async () => {
    const email = freshEmail();
    const { msg, code, link } = await requestAndRead(email);
    expect(msg.to).toBe(email);
    expect(msg.subject).toContain(code);
    expect(new URL(link).pathname).toBe("/sign-in/verify");
    // Only hashes are stored: neither the code nor the token is readable from the table.
    const [row] = await db.select().from(loginCodes).where(eq(loginCodes.email, email));
    expect(row.codeHash).not.toContain(code);
    expect(row.linkTokenHash).not.toBe(new URL(link).searchParams.get("token"));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeCloseTo(LOGIN_CODE.ttlMinutes * 60_000, -3);
  });

  it("the right code signs up a verified user with a usr_ id and keeps the sign-up name", async () => {
    const email = freshEmail();
    const { code } = await requestAndRead(email, "Ada Lovelace");
    const before = await db.select().from(users).where(eq(users.email, email));
    expect(before).toHaveLength(0);

    const user = await verifyLoginCode({ email, code });
    expect(user.id).toMatch(/^usr_/);
    expect(user.email).toBe(email);
    expect(user.name).toBe("Ada Lovelace");
    expect(user.emailVerified).toBeInstanceOf(Date);
    const [stored] = await db.select().from(users).where(eq(users.email, email));
    expect(stored.id).toBe(user.id);
  });

  it("the code works once", async () => {
    const email = freshEmail();
    const { code } = await requestAndRead(email);
    await verifyLoginCode({ email, code });
    await expectAppError(verifyLoginCode({ email, code }), "UNAUTHENTICATED");
  });

  it("signing in again keeps an existing user's name", async () => {
    const email = freshEmail();
    const first = await requestAndRead(email, "Original");
    const user = await verifyLoginCode({ email, code: first.code });
    const second = await requestAndRead(email, "Someone Else");
    const again = await verifyLoginCode({ email, code: second.code });
    expect(again.id).toBe(user.id);
    expect(again.name).toBe("Original");
  });

  it("counts wrong tries and says how many are left", async () => {
    const email = freshEmail();
    const { code } = await requestAndRead(email);
    const e1 = await expectAppError(verifyLoginCode({ email, code: wrong(code) }), "UNAUTHENTICATED");
    expect(e1.message).toMatch(/4 tries left/);
    expect(e1.fields).toHaveProperty("code");
    const e2 = await expectAppError(verifyLoginCode({ email, code: wrong(code) }), "UNAUTHENTICATED");
    expect(e2.message).toMatch(/3 tries left/);
    const [row] = await db.select().from(loginCodes).where(eq(loginCodes.email, email));
    expect(row.attempts).toBe(2);
    expect(row.usedAt).toBeNull();
    // Still usable after a couple of wrong tries.
    const user = await verifyLoginCode({ email, code });
    expect(user.email).toBe(email);
  });

  it("burns the code after 5 wrong tries: even the right code then fails, and so does its link", async () => {
    const email = freshEmail();
    const { code, token } = await requestAndRead(email);
    const messages: string[] = [];
    for (let i = 0; i < LOGIN_CODE.maxAttempts; i++) {
      messages.push((await expectAppError(verifyLoginCode({ email, code: wrong(code) }), "UNAUTHENTICATED")).message);
    }
    expect(messages[3]).toMatch(/1 try left/);
    expect(messages[4]).toMatch(/burned/);
    const e = await expectAppError(verifyLoginCode({ email, code }), "UNAUTHENTICATED");
    expect(e.message).toMatch(/expired or was already used/);
    await expectAppError(verifyLoginLink(token), "UNAUTHENTICATED");
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it("an expired code fails, and so does its link", async () => {
    const email = freshEmail();
    const { code, token } = await requestAndRead(email);
    await db.update(loginCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(loginCodes.email, email));
    await expectAppError(verifyLoginCode({ email, code }), "UNAUTHENTICATED");
    await expectAppError(verifyLoginLink(token), "UNAUTHENTICATED");
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it("a newer code supersedes the older one (code and link)", async () => {
    const email = freshEmail();
    const older = await requestAndRead(email);
    const newer = await requestAndRead(email);
    expect(newer.token).not.toBe(older.token);
    if (older.code !== newer.code) {
      await expectAppError(verifyLoginCode({ email, code: older.code }), "UNAUTHENTICATED");
    }
    await expectAppError(verifyLoginLink(older.token), "UNAUTHENTICATED");
    const user = await verifyLoginCode({ email, code: newer.code });
    expect(user.email).toBe(email);
  });

  it(`allows ${LOGIN_CODE.maxPerHour} requests per address per hour; the next is RATE_LIMITED and sends nothing`, async () => {
    const email = freshEmail();
    for (let i = 0; i < LOGIN_CODE.maxPerHour; i++) await requestLoginCode({ email });
    const e = await expectAppError(requestLoginCode({ email }), "RATE_LIMITED");
    expect(e.fields).toHaveProperty("email");
    expect(await db.select().from(loginCodes).where(eq(loginCodes.email, email))).toHaveLength(LOGIN_CODE.maxPerHour);
    expect(await systemEmailsTo(email)).toHaveLength(LOGIN_CODE.maxPerHour);
    // The limit is per address: another address is unaffected.
    await requestLoginCode({ email: freshEmail() });
  });

  it("codes older than an hour do not count towards the limit", async () => {
    const email = freshEmail();
    for (let i = 0; i < LOGIN_CODE.maxPerHour; i++) await requestLoginCode({ email });
    await db
      .update(loginCodes)
      .set({ createdAt: new Date(Date.now() - 61 * 60_000) })
      .where(eq(loginCodes.email, email));
    await requestLoginCode({ email });
  });

  it(`allows ${LOGIN_CODE.maxPerIpPerHour} requests per network address per hour, across e-mail addresses`, async () => {
    const ip = `2001:db8::${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;
    for (let i = 0; i < LOGIN_CODE.maxPerIpPerHour; i++) await requestLoginCode({ email: freshEmail() }, { ip });
    const victim = freshEmail();
    await expectAppError(requestLoginCode({ email: victim }, { ip }), "RATE_LIMITED");
    expect(await systemEmailsTo(victim)).toHaveLength(0);
    // Another network address is unaffected.
    await requestLoginCode({ email: victim }, { ip: `${ip}:1` });
  });

  it("the magic link signs in once; a second use fails", async () => {
    const email = freshEmail();
    const { token, code } = await requestAndRead(email, "Linky");
    const user = await verifyLoginLink(token);
    expect(user.email).toBe(email);
    expect(user.id).toMatch(/^usr_/);
    expect(user.name).toBe("Linky");
    expect(user.emailVerified).toBeInstanceOf(Date);
    await expectAppError(verifyLoginLink(token), "UNAUTHENTICATED");
    // The link and the code are one credential: using one consumes the other.
    await expectAppError(verifyLoginCode({ email, code }), "UNAUTHENTICATED");
  });

  it("an unknown link token fails", async () => {
    await expectAppError(verifyLoginLink(randomBytes(32).toString("base64url")), "UNAUTHENTICATED");
  });

  it("normalises the address (case and whitespace) on request and on verify", async () => {
    const email = freshEmail();
    const messy = `  ${email.toUpperCase()}  `;
    await requestLoginCode({ email: messy });
    const msg = await lastMessageTo(email);
    expect(msg?.to).toBe(email);
    const user = await verifyLoginCode({ email: ` ${email.replace("codes", "CODES")} `, code: codeFrom(msg!.text)! });
    expect(user.email).toBe(email);
  });

  it.each([
    ["empty", ""],
    ["no at sign", "not-an-email"],
    ["no domain", "someone@"],
    ["too long", `${"a".repeat(250)}@example.test`],
  ])("rejects an invalid e-mail (%s) with a field error on email", async (_label, email) => {
    await expectFieldError(requestLoginCode({ email }), "email");
    await expectFieldError(verifyLoginCode({ email, code: "123456" }), "email");
  });

  it.each(["12345", "1234567", "abcdef", ""])("rejects a malformed code %j with a field error on code", async (code) => {
    await expectFieldError(verifyLoginCode({ email: freshEmail(), code }), "code");
  });
});
