import { compileExpression, getPath } from "./expression";
import { setLongTimeout, timeoutMs, type WaitForEventOpts } from "./step-tools";
import type { RunnerEvent } from "./types";

type Waiter = { name: string; test: (e: RunnerEvent) => boolean; settle: (e: RunnerEvent | null) => void };

/** Pending `step.waitForEvent` calls. Only events sent after the wait began can satisfy it. */
export function createEventWaiters() {
  const waiters = new Set<Waiter>();
  return {
    /** `trigger` is the waiting run's event: `match` and `if` compare against it. */
    wait(trigger: RunnerEvent, opts: WaitForEventOpts): Promise<RunnerEvent | null> {
      const name = typeof opts.event === "string" ? opts.event : opts.event.name;
      const ms = timeoutMs(opts.timeout);
      const cond = opts.if ? compileExpression(opts.if) : undefined;
      const matchPath = opts.match?.split(".");
      return new Promise((resolve) => {
        const waiter: Waiter = {
          name,
          test: (e) =>
            (!matchPath || getPath(e, matchPath) === getPath(trigger, matchPath)) &&
            (!cond || Boolean(cond({ event: trigger, async: e }))),
          settle: (e) => {
            cancel();
            waiters.delete(waiter);
            resolve(e);
          },
        };
        waiters.add(waiter);
        const cancel = setLongTimeout(ms, () => waiter.settle(null));
      });
    },
    notify(event: RunnerEvent) {
      for (const w of waiters) if (w.name === event.name && w.test(event)) w.settle(event);
    },
  };
}

/** Keys remembered for 24 h, like Inngest's event-id and `idempotency` deduplication. */
export class RecentKeys {
  private readonly seen = new Map<string, number>();
  constructor(private readonly ttlMs = 24 * 60 * 60_000) {}

  /** True when `key` was seen within the TTL; otherwise remembers it and returns false. */
  check(key: string, now = Date.now()): boolean {
    // Map order is insertion order, so the oldest entries come first.
    for (const [k, at] of this.seen) {
      if (now - at < this.ttlMs) break;
      this.seen.delete(k);
    }
    if (this.seen.has(key)) return true;
    this.seen.set(key, now);
    return false;
  }
}
