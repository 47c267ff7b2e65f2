import { ensureDb } from "@/db";
import { applyMessageEvents, type AppliedEvent, type MessageEventInput } from "@/lib/messages/apply-events";

/** One open or click, already verified from its token. */
export type Hit = { kind: "open" | "click"; messageId: number; linkIndex?: number; agent: string };

export type HitRecorderOptions = {
  /** A batch never grows past this; a full batch is written at once. */
  maxBatch?: number;
  /**
   * Batches written at the same time. One by default: every batch of opens updates its
   * campaign's counters, so two batches in flight mostly wait on each other's row lock, and
   * measured on 2 cores one writer with the next batch gathering meanwhile is faster (bench/tracking.ts).
   */
  maxInFlight?: number;
  /** The writer; tests and the benchmark may wrap it. */
  apply?: (events: MessageEventInput[]) => Promise<AppliedEvent[]>;
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
 */
export class HitRecorder {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly apply: (events: MessageEventInput[]) => Promise<AppliedEvent[]>;
  private idle: (() => void)[] = [];
  /** Counters for tests, the benchmark and logs. */
  readonly stats = { hits: 0, batches: 0, largestBatch: 0, failedBatches: 0 };

  constructor(options: HitRecorderOptions = {}) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.maxInFlight = options.maxInFlight ?? 1;
    this.apply = options.apply ?? ((events) => applyMessageEvents(events));
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

  /** Resolves when nothing is queued or being written (for a graceful shutdown). */
  drain(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
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
      const results = await this.apply(batch.map(({ hit }) => toEvent(hit)));
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (e) {
      this.stats.failedBatches++;
      for (const p of batch) p.reject(e);
    }
  }
}

function toEvent(hit: Hit): MessageEventInput {
  const data: Record<string, unknown> = { agent: hit.agent };
  if (hit.kind === "click") data.link = hit.linkIndex;
  return { messageId: hit.messageId, kind: hit.kind, data };
}

// One recorder per module instance: the custom server and Next's bundle each hold their own.
let shared: HitRecorder | undefined;

export function hitRecorder(): HitRecorder {
  shared ??= new HitRecorder();
  return shared;
}
