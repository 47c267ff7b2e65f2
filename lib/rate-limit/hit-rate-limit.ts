import { sql } from "drizzle-orm";
import { db, query } from "@/db";
import { AppError } from "@/lib/errors";

export type RateLimitResult = { allowed: boolean; count: number; resetAt: Date };

/**
 * Counts one hit against `key` in a fixed window and says whether it is within `limit`.
 * One atomic upsert: concurrent hits never lose a count.
 */
export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const [row] = await query<{ count: number; reset_at: string | Date }>(
    sql`INSERT INTO rate_limits (key, count, reset_at)
        VALUES (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN rate_limits.reset_at <= now() THEN 1 ELSE rate_limits.count + 1 END,
          reset_at = CASE WHEN rate_limits.reset_at <= now() THEN excluded.reset_at ELSE rate_limits.reset_at END
        RETURNING count, reset_at`,
    db,
  );
  return { allowed: row.count <= limit, count: row.count, resetAt: new Date(row.reset_at) };
}

/** Like `hitRateLimit`, but throws RATE_LIMITED with `message` when over the limit. */
export async function enforceRateLimit(key: string, limit: number, windowSeconds: number, message: string) {
  const r = await hitRateLimit(key, limit, windowSeconds);
  if (!r.allowed) throw limitedError(message, r.resetAt);
}

function limitedError(message: string, resetAt: Date) {
  const minutes = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 60_000));
  return new AppError("RATE_LIMITED", `${message} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
}

/** Gives back one counted hit (for attempts that turned out fine, such as a correct password). */
export async function releaseRateLimitHit(key: string) {
  await query(sql`UPDATE rate_limits SET count = greatest(count - 1, 0) WHERE key = ${key} AND reset_at > now() RETURNING count`, db);
}
