import { NonRetriableError, RetryAfterError, StepError, durationToMs, serializeError } from "inngest";
import type { RunnerEvent, RunnerEventInput, RunnerLogger } from "./types";

type SerializedError = ReturnType<typeof serializeError>;

/** A finished step, kept for the whole run so handler retries replay it instead of re-running it. */
export type Memo = { data: unknown } | { error: SerializedError };

export type WaitForEventOpts = { event: string | { name: string }; timeout: unknown; match?: string; if?: string };
export type InvokeOpts = { function: unknown; data?: unknown; timeout?: unknown };

/** What the step tools need from the run they belong to (implemented by the runner). */
export type StepHost = {
  functionId: string;
  maxAttempts: number;
  logger: RunnerLogger;
  memo: Map<string, Memo>;
  /** Step failures handed to the handler; rethrowing one fails the run without retrying it. */
  finalErrors: WeakSet<object>;
  backoffMs(retry: number): number;
  /** Runs user step code while the run holds its concurrency slots. */
  busy<T>(fn: () => Promise<T>): Promise<T>;
  /** Awaits `wait` with the run's concurrency slots released, as Inngest does for idle runs. */
  park<T>(wait: Promise<T>): Promise<T>;
  send(events: RunnerEventInput[]): string[];
  waitForEvent(opts: WaitForEventOpts): Promise<RunnerEvent | null>;
  invoke(opts: InvokeOpts): Promise<unknown>;
};

const MAX_TIMEOUT = 2 ** 31 - 1;

/** setTimeout that accepts more than ~24.8 days; returns a cancel function. Kept ref'd on purpose. */
export function setLongTimeout(ms: number, cb: () => void): () => void {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const tick = (left: number) => {
    if (left <= 0) return cb();
    const chunk = Math.min(left, MAX_TIMEOUT);
    handle = setTimeout(() => tick(left - chunk), chunk);
  };
  tick(ms);
  return () => clearTimeout(handle);
}

/** A sleeping run is work in flight, so unlike cron timers these keep the process alive. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => void setLongTimeout(ms, resolve));
}

/** Milliseconds until a Date, ISO string, or Temporal Instant/ZonedDateTime. */
export function msUntil(when: unknown): number {
  let at: number;
  if (when instanceof Date) at = when.getTime();
  else if (typeof when === "string") at = new Date(when).getTime();
  else if (when && typeof when === "object" && "epochMilliseconds" in when) at = Number(when.epochMilliseconds);
  else throw new Error(`expected a date, got ${String(when)}`);
  if (Number.isNaN(at)) throw new Error(`invalid date: ${String(when)}`);
  return Math.max(0, at - Date.now());
}

/** A timeout given as a duration or as a point in time. */
export function timeoutMs(value: unknown): number {
  if (typeof value === "number" || (typeof value === "string" && Number.isNaN(Date.parse(value)))) {
    return durationToMs(value, { name: "timeout" });
  }
  if (value && typeof value === "object" && !(value instanceof Date) && !("epochMilliseconds" in value)) {
    return durationToMs(value, { name: "timeout" }); // Temporal.Duration
  }
  return msUntil(value);
}

/** Inngest stores step results as JSON, so handlers get Dates back as strings; mirror that. */
export function jsonify(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export function isNonRetriable(err: unknown): boolean {
  return err instanceof NonRetriableError || (err as Error | undefined)?.name === "NonRetriableError";
}

/** The wait a RetryAfterError asks for, in ms (Inngest keeps whole seconds or an ISO date). */
export function retryAfterMs(err: unknown): number | undefined {
  if (!(err instanceof RetryAfterError) && (err as Error | undefined)?.name !== "RetryAfterError") return undefined;
  const v = (err as RetryAfterError).retryAfter;
  return /^\d+$/.test(v) ? Number(v) * 1000 : msUntil(v);
}

export function unsupported(what: string) {
  return () => {
    throw new NonRetriableError(`${what} is not supported by the local runner; configure INNGEST_DEV or INNGEST_EVENT_KEY`);
  };
}

type IdOrOpts = string | { id: string; name?: string };

/**
 * Builds `ctx.step` for one handler attempt. Step ids repeated within an attempt get `:1`,
 * `:2`... like Inngest, so steps in loops memoize separately and replay in the same order.
 */
export function createStepTools(host: StepHost) {
  const seen = new Map<string, number>();
  const stepId = (idOrOpts: IdOrOpts) => {
    const id = typeof idOrOpts === "string" ? idOrOpts : idOrOpts.id;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n === 0 ? id : `${id}:${n}`;
  };

  const fail = (id: string, error: SerializedError): never => {
    const err = new StepError(id, error);
    host.finalErrors.add(err);
    throw err;
  };
  const replay = (id: string, memo: Memo) => ("error" in memo ? fail(id, memo.error) : memo.data);

  /** Memoizes `body`'s result (or final failure) under the step id. */
  const memoized = (idOrOpts: IdOrOpts, body: (id: string) => Promise<unknown>): Promise<unknown> => {
    const id = stepId(idOrOpts);
    const p = (async () => {
      const prior = host.memo.get(id);
      if (prior) return replay(id, prior);
      let data: unknown;
      try {
        data = jsonify(await body(id));
      } catch (err) {
        if (host.finalErrors.has(err as object)) throw err;
        const error = serializeError(err);
        host.memo.set(id, { error });
        return fail(id, error);
      }
      host.memo.set(id, { data });
      return data;
    })();
    // A step promise the handler never awaits must not become an unhandled rejection.
    p.catch(() => {});
    return p;
  };

  const runStep = (idOrOpts: IdOrOpts, fn: (...args: unknown[]) => unknown, ...input: unknown[]) =>
    memoized(idOrOpts, async (id) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await host.busy(async () => fn(...input));
        } catch (err) {
          if (isNonRetriable(err) || attempt >= host.maxAttempts) throw err;
          const wait = retryAfterMs(err) ?? host.backoffMs(attempt);
          host.logger.warn(
            `[inngest:${host.functionId}] step "${id}" failed (attempt ${attempt}/${host.maxAttempts}), retrying in ${wait} ms:`,
            err,
          );
          await host.park(delay(wait));
        }
      }
    });

  return {
    run: runStep,
    sendEvent: (idOrOpts: IdOrOpts, payload: RunnerEventInput | RunnerEventInput[]) =>
      memoized(idOrOpts, async () => ({ ids: host.send(Array.isArray(payload) ? payload : [payload]) })),
    sleep: async (idOrOpts: IdOrOpts, duration: unknown) => {
      await memoized(idOrOpts, async () => host.park(delay(durationToMs(duration, { name: "sleep duration" }))));
    },
    sleepUntil: async (idOrOpts: IdOrOpts, when: unknown) => {
      await memoized(idOrOpts, async () => host.park(delay(msUntil(when))));
    },
    waitForEvent: (idOrOpts: IdOrOpts, opts: WaitForEventOpts) =>
      memoized(idOrOpts, async () => host.park(host.waitForEvent(opts))),
    invoke: (idOrOpts: IdOrOpts, opts: InvokeOpts) => memoized(idOrOpts, async () => host.park(host.invoke(opts))),
    ai: { wrap: runStep, infer: unsupported("step.ai.infer") },
    fetch: unsupported("step.fetch"),
    waitForSignal: unsupported("step.waitForSignal"),
    sendSignal: unsupported("step.sendSignal"),
    realtime: { publish: unsupported("step.realtime.publish") },
  };
}
