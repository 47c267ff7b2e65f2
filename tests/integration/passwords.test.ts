import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";
import type { AppError } from "@/lib/errors";
import { PASSWORD_LOGIN } from "@/lib/auth/login-code-policy";
import { setPassword } from "@/lib/auth/set-password";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { createUser } from "../fixtures/factories";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";

// scrypt costs ~150 ms per hash or check: each test hashes as few times as it can.
const freshEmail = () => `pw-${randomBytes(5).toString("hex")}@example.test`;
const storedHash = async (userId: string) => (await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)))[0].h;

describe("setting a password", () => {
  it.each([
    { label: "too short", input: { password: "short7!", confirm: "short7!" }, field: "password" },
    { label: "empty", input: { password: "", confirm: "" }, field: "password" },
    { label: "too long", input: { password: "x".repeat(201), confirm: "x".repeat(201) }, field: "password" },
    { label: "not confirmed", input: { password: "correct horse", confirm: "correct h0rse" }, field: "confirm" },
  ])("refuses a password that is $label (field $field) and stores nothing", async ({ input, field }) => {
    const user = await createUser();
    await expectFieldError(setPassword(user.id, input), field);
    expect(await storedHash(user.id)).toBeNull();
  });

  it("sets a first password without a current one, stores only a scrypt hash, and signs in with it", async () => {
    const email = freshEmail();
    const user = await createUser({ email });
    expect(await setPassword(user.id, { password: "first-password", confirm: "first-password" })).toMatchObject({ changed: false, sessionVersion: 1 });
    const hash = await storedHash(user.id);
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain("first-password");
    const signedIn = await signInWithPassword({ email: `  ${email.toUpperCase()} `, password: "first-password" });
    expect(signedIn.id).toBe(user.id);
  });

  it("changing a password needs the right current password", async () => {
    const email = freshEmail();
    const user = await createUser({ email, password: "old-password" });
    const before = await storedHash(user.id);

    const missing = await expectAppError(setPassword(user.id, { password: "new-password", confirm: "new-password" }), "FORBIDDEN");
    expect(missing.fields).toHaveProperty("currentPassword");
    await expectAppError(setPassword(user.id, { currentPassword: "not-the-old-one", password: "new-password", confirm: "new-password" }), "FORBIDDEN");
    expect(await storedHash(user.id)).toBe(before);

    expect(await setPassword(user.id, { currentPassword: "old-password", password: "new-password", confirm: "new-password" })).toMatchObject({ changed: true, sessionVersion: 1 });
    expect(await storedHash(user.id)).not.toBe(before);
    const again = await signInWithPassword({ email, password: "new-password" });
    expect(again.id).toBe(user.id);
    // Sessions carry the version they were issued at; the change made every older one stale.
    expect(again.sessionVersion).toBe(1);
  });

  it("an unknown user is NOT_FOUND", async () => {
    await expectAppError(setPassword("usr_doesnotexist000000", { password: "long-enough", confirm: "long-enough" }), "NOT_FOUND");
  });
});

describe("signing in with a password", () => {
  it("refuses a wrong password, an unknown user and a user without a password with the same message", async () => {
    const withPassword = await createUser({ email: freshEmail(), password: "right-password" });
    const withoutPassword = await createUser({ email: freshEmail() });
    const wrongPassword = await expectAppError(signInWithPassword({ email: withPassword.email, password: "wrong-password" }), "UNAUTHENTICATED");
    const unknown = await expectAppError(signInWithPassword({ email: freshEmail(), password: "wrong-password" }), "UNAUTHENTICATED");
    const noPassword = await expectAppError(signInWithPassword({ email: withoutPassword.email, password: "wrong-password" }), "UNAUTHENTICATED");
    expect(unknown.message).toBe(wrongPassword.message);
    expect(noPassword.message).toBe(wrongPassword.message);
    expect(wrongPassword.fields).toEqual(unknown.fields);
    expect(wrongPassword.message).not.toMatch(/not found|no account|does not exist|unknown/i);
  });

  it.each([
    { input: { email: "not-an-email", password: "whatever" }, field: "email" },
    { input: { email: "someone@example.test", password: "" }, field: "password" },
  ])("validates its input (field $field)", async ({ input, field }) => {
    await expectFieldError(signInWithPassword(input), field);
  });

  it("counts each attempt before checking it: of 15 parallel guesses only the limit's worth are checked", async () => {
    const email = freshEmail();
    await createUser({ email, password: "right-password" });
    const attempts = await Promise.allSettled(Array.from({ length: 15 }, (_, i) => signInWithPassword({ email, password: `guess-${i}` })));
    const codes = attempts.map((a) => (a.status === "rejected" ? (a.reason as AppError).code : "signed-in"));
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(PASSWORD_LOGIN.maxAttempts);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(15 - PASSWORD_LOGIN.maxAttempts);
  });

  it("does not count successful sign-ins against the limit", async () => {
    const email = freshEmail();
    await createUser({ email, password: "right-password" });
    for (let i = 0; i < PASSWORD_LOGIN.maxAttempts + 1; i++) {
      const user = await signInWithPassword({ email, password: "right-password" });
      expect(user.email).toBe(email);
    }
  });

  it(`locks an address after ${PASSWORD_LOGIN.maxAttempts} failed attempts in the window, even for the right password`, async () => {
    const email = freshEmail();
    await createUser({ email, password: "right-password" });
    // Concurrent attempts: each one must be counted (the counter is one atomic upsert).
    const attempts = await Promise.allSettled(
      Array.from({ length: PASSWORD_LOGIN.maxAttempts }, (_, i) => signInWithPassword({ email, password: `wrong-${i}` })),
    );
    expect(attempts.map((a) => (a.status === "rejected" ? (a.reason as AppError).code : "signed-in"))).toEqual(
      Array(PASSWORD_LOGIN.maxAttempts).fill("UNAUTHENTICATED"),
    );
    const limited = await expectAppError(signInWithPassword({ email, password: "right-password" }), "RATE_LIMITED");
    expect(limited.message).toMatch(/Try again in \d+ minutes?/);
    // The limit is keyed on the normalised address, so changing its case does not get around it.
    await expectAppError(signInWithPassword({ email: email.toUpperCase(), password: "right-password" }), "RATE_LIMITED");
    // Other addresses are unaffected.
    await expectAppError(signInWithPassword({ email: freshEmail(), password: "wrong" }), "UNAUTHENTICATED");
  });
});
