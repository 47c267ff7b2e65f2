import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { loginCodes } from "@/db/schema";
import { keyedHash, randomCode, randomToken, sha256 } from "@/lib/crypto";
import { appUrl, isProduction } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enforceRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { dispatchSystemEmails, insertSystemEmail } from "@/lib/mail/queue-system-email";
import { signInCodeEmail } from "@/lib/mail/templates/sign-in-code";
import { LOGIN_CODE } from "./login-code-policy";
import { requestCodeSchema } from "./schemas";

export const codeHash = (email: string, code: string) => keyedHash(`login:${email}:${code}`);

/**
 * Creates a sign-in code and magic link for an address and e-mails both. At most 5 per address
 * per hour; a new code supersedes earlier unused ones.
 */
export async function requestLoginCode(input: { email: string; name?: string }, opts: { next?: string; ip?: string } = {}) {
  const { email, name } = requestCodeSchema.parse(input);
  if (opts.ip) {
    await enforceRateLimit(`login-code-ip:${opts.ip}`, LOGIN_CODE.maxPerIpPerHour, 3600, "Too many sign-in codes were requested from your network.");
  }
  const code = randomCode();
  const linkToken = randomToken();
  const link = new URL("/sign-in/verify", appUrl());
  link.searchParams.set("token", linkToken);
  if (opts.next) link.searchParams.set("next", opts.next);

  const row = await db.transaction(async (tx) => {
    // Serialise requests for one address so the hourly count cannot be raced past.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"login:" + email}))`);
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(loginCodes)
      .where(and(eq(loginCodes.email, email), gt(loginCodes.createdAt, sql`now() - interval '1 hour'`)));
    if (n >= LOGIN_CODE.maxPerHour) {
      throw new AppError("RATE_LIMITED", "Too many codes were requested for this address. Wait an hour, or sign in with your password.", {
        email: "Too many codes requested in the last hour.",
      });
    }
    await tx
      .update(loginCodes)
      .set({ usedAt: sql`now()` })
      .where(and(eq(loginCodes.email, email), isNull(loginCodes.usedAt)));
    await tx.insert(loginCodes).values({
      email,
      name: name || null,
      codeHash: codeHash(email, code),
      linkTokenHash: sha256(linkToken),
      expiresAt: sql`now() + make_interval(mins => ${LOGIN_CODE.ttlMinutes})`,
    });
    return insertSystemEmail(tx, { kind: "sign-in-code", to: email, ...signInCodeEmail({ code, link: link.toString() }) });
  });
  await dispatchSystemEmails([row]);
  if (!isProduction()) console.log(`[herald] sign-in code for ${email}: ${code}  (link: ${link})`);
  return { email };
}
