import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { loginCodes, type User } from "@/db/schema";
import { safeEqual, sha256 } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { LOGIN_CODE } from "./login-code-policy";
import { codeHash } from "./request-login-code";
import { verifyCodeSchema } from "./schemas";
import { upsertVerifiedUser } from "./upsert-verified-user";

const EXPIRED = "This code has expired or was already used. Request a new one.";

/**
 * Checks an e-mailed 6-digit code. A wrong guess is counted (and committed) before the error;
 * after 5 wrong guesses the code is burned. Success consumes the code and returns the user.
 */
export async function verifyLoginCode(input: { email: string; code: string }): Promise<User> {
  const { email, code } = verifyCodeSchema.parse(input);
  type Outcome = { error: string; user?: undefined } | { error?: undefined; user: User };
  const outcome: Outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const [row] = await tx
      .select()
      .from(loginCodes)
      .where(and(eq(loginCodes.email, email), isNull(loginCodes.usedAt), gt(loginCodes.expiresAt, sql`now()`)))
      .orderBy(desc(loginCodes.createdAt))
      .limit(1)
      .for("update");
    if (!row || row.attempts >= LOGIN_CODE.maxAttempts) return { error: EXPIRED };
    if (!safeEqual(row.codeHash, codeHash(email, code))) {
      const attempts = row.attempts + 1;
      await tx
        .update(loginCodes)
        .set({ attempts, ...(attempts >= LOGIN_CODE.maxAttempts ? { usedAt: sql`now()` } : {}) })
        .where(eq(loginCodes.id, row.id));
      const left = LOGIN_CODE.maxAttempts - attempts;
      return {
        error: left > 0 ? `That code is not right. ${left} ${left === 1 ? "try" : "tries"} left.` : "Too many wrong codes: this one is burned. Request a new one.",
      };
    }
    await tx.update(loginCodes).set({ usedAt: sql`now()` }).where(eq(loginCodes.id, row.id));
    return { user: await upsertVerifiedUser(tx, email, row.name) };
  });
  if (outcome.error !== undefined) throw new AppError("UNAUTHENTICATED", outcome.error, { code: outcome.error });
  return outcome.user;
}

/** Checks a magic-link token from the same e-mail; single use, same expiry. */
export async function verifyLoginLink(token: string): Promise<User> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(loginCodes)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(loginCodes.linkTokenHash, sha256(token)),
          isNull(loginCodes.usedAt),
          gt(loginCodes.expiresAt, sql`now()`),
          sql`${loginCodes.attempts} < ${LOGIN_CODE.maxAttempts}`,
        ),
      )
      .returning();
    if (!row) throw new AppError("UNAUTHENTICATED", "This sign-in link has expired or was already used. Request a new code.");
    return upsertVerifiedUser(tx, row.email, row.name);
  });
}
