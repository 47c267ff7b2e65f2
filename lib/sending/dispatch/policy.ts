import { z } from "zod";

/** Attempts per message in all (the first send and two retries), then `failed`. */
export const MAX_ATTEMPTS = 3;

/**
 * How long a claimed batch owns its rows. Far above a batch's real time (a SendGrid call times out
 * at 30 s), so the sweep only takes back rows whose worker is gone, never rows still in flight.
 */
export const LEASE_SECONDS = 600;

/** SendGrid's personalizations per call; also the most one step claims. */
export const MAX_BATCH = 1000;

/** A batch is about one second of the sender's rate: a slow sender sends a few, then sleeps. */
const BATCH_SECONDS = 1;

/** A run waits in place for rows due within this long; later ones are the sweep's to start. */
export const MAX_WAIT_MS = 2 * 60_000;

/** Batches per run; then the run hands over to a new one, so replays of its steps stay short. */
export const MAX_BATCHES_PER_RUN = 100;

/** Messages per batch for a sender sending `ratePerSecond` (e.g. 2.5 -> 3, 1,000 -> 1,000). */
export function batchSize(ratePerSecond: number): number {
  if (!(ratePerSecond > 0)) return 1;
  return Math.max(1, Math.min(MAX_BATCH, Math.ceil(ratePerSecond * BATCH_SECONDS)));
}

/**
 * How long to wait after handing `handed` messages over so the sender averages its rate: the
 * batch's share of time, less the time the batch itself took.
 */
export function paceMs(handed: number, ratePerSecond: number, elapsedMs: number): number {
  if (handed <= 0 || !(ratePerSecond > 0)) return 0;
  return Math.max(0, Math.ceil((handed / ratePerSecond) * 1000 - elapsedMs));
}

// Read here rather than in lib/env.ts for now; tests set it to retry in milliseconds.
const retryBaseSchema = z.coerce.number().int().min(0).max(3_600_000).default(30_000);

/** The first retry's delay; each further retry doubles it (30 s, then 60 s by default). */
export function retryBaseMs(): number {
  const parsed = retryBaseSchema.safeParse(process.env.HERALD_RETRY_BASE_MS || undefined);
  return parsed.success ? parsed.data : 30_000;
}
