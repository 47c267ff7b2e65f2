import { ensureDb } from "@/db";
import type { AppliedEvent } from "@/lib/messages/apply-events";
import { foldAllTrackingHits } from "./fold-hits";
import { insertHits, type Hit } from "./insert-hits";

export type { Hit } from "./insert-hits";

export type HitRecorderOptions = {
  /** A batch never grows past this; a full batch is written at once. */
  maxBatch?: number;
  /**
   * Batches written at the same time. A batch only appends to tracking_hits and reads by primary
   * key, so batches in flight never wait on each other: while one waits for its commit's WAL
   * flush, the next executes.
   */
  maxInFlight?: number;
  /** The writer; tests may wrap it. */
  apply?: (hits: Hit[]) => Promise<AppliedEvent[]>;
  /** Moves committed hits into the message state machine (fold-hits.ts); tests may wrap it. */
  fold?: () => Promise<number>;
  /** The fold runs once no hit has been written for this long (the burst is over)... */
  foldDelayMs?: number;
  /** ...or when the oldest unfolded hit is this old, whatever the traffic. */
  maxFoldLagMs?: number;
};

type Pending = { hit: Hit; resolve: (r: AppliedEvent) => void; reject: (e: unknown) => void };

/**
 * Group commit for tracking hits. Every caller's promise settles only after the statement that
 * records its hit has committed ("every hit durably recorded before the answer"), but the hits
 * that arrive while a batch is being written share the next statement: one INSERT ... and one
 * commit (one WAL flush) for hundreds of hits instead of one each.
 *
 * Batching is natural, with no timer to tune: a hit that finds a free slot is written on the
 * next turn of the event loop (together with whatever else arrived in that turn); hits that find
 * every slot busy queue up and leave together when a slot frees. At low traffic a hit waits for
 * nothing; under load batches grow with the load, which is what keeps the database ahead.
 *
 * What is committed before the answer is the hit itself (tracking_hits); the message's status,
 * first-open time, the campaign's counters and the event timeline follow when the fold runs.
 * The fold costs the database about twice what recording a hit does (it updates the message
 * and its indexes, the campaign's counter row, and the indexed event table), so it does not
 * compete with a burst of opens: it runs once the hits pause for `foldDelayMs`, or when the
 * oldest waiting hit is `maxFoldLagMs` old, whichever comes first, and then clears the whole
 * backlog in batches of thousands (faster than the hot path fills it: bench/tracking.ts).
 * During a burst the dashboard's opens lag by at most that much; no hit is ever lost, and the
 * sweep cron folds too, for hits left by a process that stopped.
 */
export class HitRecorder {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly apply: (hits: Hit[]) => Promise<AppliedEvent[]>;
  private readonly fold: () => Promise<number>;
  private readonly foldDelayMs: number;
  private readonly maxFoldLagMs: number;
  private foldTimer: NodeJS.Timeout | null = null;
  /** When the oldest hit not yet handed to a fold was written. */
  private unfoldedSince: number | null = null;
  private folding: Promise<void> | null = null;
  private foldAgain = false;
  private idle: (() => void)[] = [];
  /** Counters for tests, the benchmark and logs. */
  readonly stats = { hits: 0, batches: 0, largestBatch: 0, failedBatches: 0, folds: 0, folded: 0, failedFolds: 0 };

  constructor(options: HitRecorderOptions = {}) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.maxInFlight = options.maxInFlight ?? 2;
    this.apply = options.apply ?? insertHits;
    this.fold = options.fold ?? (() => foldAllTrackingHits());
    this.foldDelayMs = options.foldDelayMs ?? 200;
    this.maxFoldLagMs = options.maxFoldLagMs ?? 30_000;
  }

  /** Resolves once the hit is committed: `applied` false when its message (or link) does not exist. */
  record(hit: Hit): Promise<AppliedEvent> {
    return new Promise<AppliedEvent>((resolve, reject) => {
      this.queue.push({ hit, resolve, reject });
      this.stats.hits++;
      if (this.inFlight >= this.maxInFlight) return; // the batch in flight picks this up when it ends
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  /**
   * Resolves when nothing is queued or being written and, unless `fold` is false, every hit
   * written so far is folded (tests that look at messages after a hit). A shutdown passes
   * `fold: false`: the hits are committed, and the sweep folds them.
   */
  async drain(opts: { fold?: boolean } = {}): Promise<void> {
    if (this.queue.length > 0 || this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.foldTimer) {
      clearTimeout(this.foldTimer);
      this.foldTimer = null;
    }
    if (opts.fold === false) return;
    await this.folding;
    await this.runFold();
  }

  /** Called after each write: (re)arms the fold for when the hits pause, within the lag bound. */
  private foldSoon() {
    const now = Date.now();
    this.unfoldedSince ??= now;
    if (this.folding) {
      // Hits committed while a fold runs may be past its snapshot: fold again after it.
      this.foldAgain = true;
      return;
    }
    const wait = Math.max(0, Math.min(this.foldDelayMs, this.unfoldedSince + this.maxFoldLagMs - now));
    // Past the lag bound the timer already set is kept: re-arming it on every write of a steady
    // stream would put the fold off for as long as the stream lasts.
    if (this.foldTimer && wait === 0) return;
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.foldTimer = setTimeout(() => {
      this.foldTimer = null;
      void this.runFold();
    }, wait);
    // A pending fold never keeps a process alive: the sweep folds what is left.
    this.foldTimer.unref();
  }

  private runFold(): Promise<void> {
    if (!this.folding) {
      this.foldAgain = false;
      this.unfoldedSince = null;
      this.folding = this.foldOnce().finally(() => {
        this.folding = null;
        if (this.foldAgain) this.foldSoon();
      });
    }
    return this.folding;
  }

  private async foldOnce() {
    try {
      this.stats.folds++;
      this.stats.folded += await this.fold();
    } catch (e) {
      // The hits stay in tracking_hits: the next fold, or the sweep, takes them.
      this.stats.failedFolds++;
      console.error("[tracking] fold failed", e);
    }
  }

  private flush() {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      this.stats.batches++;
      this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
      void this.write(batch).finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.flush();
        else if (this.inFlight === 0) for (const done of this.idle.splice(0)) done();
      });
      // One batch per turn unless the queue holds more than a batch: let the next hits gather.
      if (this.queue.length < this.maxBatch) break;
    }
  }

  private async write(batch: Pending[]) {
    try {
      await ensureDb();
      const results = await this.apply(batch.map(({ hit }) => hit));
      batch.forEach((p, i) => p.resolve(results[i]));
      this.foldSoon();
    } catch (e) {
      this.stats.failedBatches++;
      for (const p of batch) p.reject(e);
    }
  }
}

// One recorder per module instance: the custom server and Next's bundle each hold their own.
let shared: HitRecorder | undefined;

export function hitRecorder(): HitRecorder {
  shared ??= new HitRecorder();
  return shared;
}
