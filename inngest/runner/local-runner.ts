import { AsyncResource } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { Cron } from "croner";
import { NonRetriableError, serializeError, type InngestFunction } from "inngest";
import { failureDefinition, toDefinition, type CronSpec, type FunctionDef } from "./definitions";
import { createEventWaiters, RecentKeys } from "./event-waiters";
import { createRunHost, newRunState, type RunState } from "./run-state";
import { Slots } from "./slots";
import {
  createStepTools,
  delay,
  isNonRetriable,
  jsonify,
  retryAfterMs,
  setLongTimeout,
  timeoutMs,
  unsupported,
  type InvokeOpts,
} from "./step-tools";
import type { LocalRunner, LocalRunnerOptions, RunRecord, RunnerEvent, RunnerEventInput, SendResult } from "./types";

export type * from "./types";

/**
 * Runs Inngest function definitions in this process, for when no Inngest server is configured.
 *
 * Mirrors Inngest's semantics where they matter to handler code: per-step retries with
 * exponential backoff, step results memoized by id across handler retries (JSON round-tripped),
 * NonRetriableError / RetryAfterError, StepError for exhausted steps, concurrency limits per key,
 * event-id and `idempotency` deduplication for 24 h, `onFailure` and `inngest/function.failed`.
 * Known gaps: `ctx.attempt` counts handler attempts, not step attempts; expressions are the subset
 * in `expression.ts`; client/function middleware is not applied; options in
 * `definitions.ts#IGNORED_OPTIONS` are ignored with a warning. State lives in memory only: runs
 * sleeping or waiting when the process exits are lost.
 */
export function createLocalRunner(
  functions: readonly InngestFunction.Any[],
  options: LocalRunnerOptions = {},
): LocalRunner {
  const logger = options.logger ?? console;
  const backoffBase = options.backoffBaseMs ?? 1000;
  const backoffMax = options.backoffMaxMs ?? 10 * 60_000;
  const maxFinished = options.maxFinishedRuns ?? 1000;

  const defs = functions.map((fn) => toDefinition(fn, logger));
  const byId = new Map<string, FunctionDef>();
  for (const def of defs) {
    if (byId.has(def.id)) throw new Error(`two Inngest functions share the id "${def.id}"`);
    byId.set(def.id, def);
  }
  const failureDefs = new Map(defs.map((d) => [d.id, failureDefinition(d)] as const));

  const slots = new Slots();
  // Runs start from the context the runner was created in, not the caller's: a run started by
  // `send()` inside a Next request must not inherit that request's AsyncLocalStorage stores.
  const scope = new AsyncResource("herald.local-runner");
  const runs = new Map<string, RunState>();
  let finishedCount = 0;
  let active = 0;
  let idleWaiters: (() => void)[] = [];
  const listeners = new Set<(run: RunRecord) => void>();
  if (options.onRunFinished) listeners.add(options.onRunFinished);
  const eventWaiters = createEventWaiters();
  const seenEventIds = new RecentKeys();
  const idempotencyKeys = new RecentKeys();
  let crons: Cron[] | undefined;

  const backoffMs = (retry: number) => Math.min(backoffBase * 2 ** (retry - 1), backoffMax);
  const snapshot = (run: RunState): RunRecord => ({ ...run.record });
  const toError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));

  function normalize(input: RunnerEventInput): RunnerEvent {
    if (!input || typeof input.name !== "string" || !input.name) throw new Error("an event needs a non-empty name");
    const data = (input.data ?? {}) as Record<string, unknown>;
    return { ...input, name: input.name, data, id: input.id ?? randomUUID(), ts: input.ts ?? Date.now() };
  }

  function startRun(def: FunctionDef, event: RunnerEvent, extraCtx?: Record<string, unknown>): RunState {
    const run = newRunState(def, event, extraCtx);
    const { record } = run;
    runs.set(record.runId, run);
    active++;
    scope.runInAsyncScope(() => {
      Promise.resolve()
        .then(() => execute(run))
        .catch((err) => {
          logger.error(`[inngest:${def.id}] local runner error in run ${record.runId}:`, err);
          if (!run.finished) finish(run, toError(err));
        });
    });
    return run;
  }

  async function execute(run: RunState) {
    const { def, record } = run;
    const host = createRunHost(run, {
      slots,
      logger,
      backoffMs,
      send: (events) => dispatch(events).ids,
      waitForEvent: eventWaiters.wait,
      invoke,
    });
    await host.hold();
    for (let attempt = 0; ; attempt++) {
      record.attempts = attempt + 1;
      const ctx: Record<string, unknown> = {
        event: record.event,
        events: [record.event],
        runId: record.runId,
        attempt,
        maxAttempts: def.maxAttempts,
        logger,
        step: createStepTools(host),
        group: {
          parallel: (a: unknown, b?: unknown) => (typeof a === "function" ? a() : (b as () => unknown)()),
          experiment: unsupported("group.experiment"),
        },
        defer: unsupported("ctx.defer"),
        ...run.extraCtx,
      };
      try {
        const output = jsonify(await def.handler(ctx));
        return finish(run, undefined, output);
      } catch (err) {
        if (isNonRetriable(err) || run.finalErrors.has(err as object) || attempt + 1 >= def.maxAttempts) {
          return finish(run, toError(err));
        }
        const wait = retryAfterMs(err) ?? backoffMs(attempt + 1);
        logger.warn(
          `[inngest:${def.id}] run ${record.runId} attempt ${attempt + 1}/${def.maxAttempts} failed, retrying in ${wait} ms:`,
          err,
        );
        await host.park(delay(wait));
      }
    }
  }

  function finish(run: RunState, error: Error | undefined, output?: unknown) {
    const { record, def } = run;
    run.finished = true;
    if (run.holding) slots.release(run.needs);
    run.holding = false;
    record.finishedAt = Date.now();
    if (error) {
      record.status = "failed";
      record.error = error;
      logger.error(`[inngest:${def.id}] run ${record.runId} failed after ${record.attempts} attempt(s):`, error);
      // Before `active--`, so idle() also waits for the failure handlers.
      if (record.event.name !== "inngest/function.failed") emitFailure(run, error);
    } else {
      record.status = "completed";
      record.output = output;
    }
    const snap = snapshot(run);
    run.resolveDone(snap);
    for (const listener of listeners) {
      try {
        listener(snap);
      } catch (err) {
        logger.error("[inngest] onRunFinished listener threw:", err);
      }
    }
    finishedCount++;
    for (const [id, r] of runs) {
      if (finishedCount <= maxFinished) break;
      if (r.finished) {
        runs.delete(id);
        finishedCount--;
      }
    }
    settle();
  }

  /** One unit of work (a run, or an event waiting for its `ts`) is over; idle() may resolve. */
  function settle() {
    active--;
    if (active === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  function emitFailure(run: RunState, error: Error) {
    try {
      const event = normalize({
        name: "inngest/function.failed",
        data: { function_id: run.def.appFunctionId, run_id: run.record.runId, error: serializeError(error), event: run.record.event },
      });
      const failureDef = failureDefs.get(run.def.id);
      if (failureDef) startRun(failureDef, event, { error });
      dispatch([event]);
    } catch (err) {
      logger.error(`[inngest:${run.def.id}] could not start failure handlers:`, err);
    }
  }

  function dispatch(inputs: RunnerEventInput[]): SendResult {
    const events = inputs.map(normalize); // validate all before starting any run
    const result: SendResult = { ids: [], runIds: [] };
    events.forEach((event, i) => {
      result.ids.push(event.id);
      const givenId = inputs[i].id;
      if (givenId !== undefined && seenEventIds.check(givenId)) return;
      eventWaiters.notify(event);
      for (const def of defs) {
        if (!def.triggers.some((t) => t.matches(event.name) && (!t.if || t.if({ event })))) continue;
        if (def.idempotency) {
          if (idempotencyKeys.check(`${def.id}|${String(def.idempotency({ event }) ?? "")}`)) continue;
        }
        const delay = event.ts - Date.now();
        if (delay > 0) {
          // An event sent with a future `ts` starts its runs then, as Inngest does.
          active++;
          setLongTimeout(delay, () => {
            try {
              if (!(def.singleton && hasUnfinishedRun(def, singletonKey(def, event)))) startRun(def, event);
            } finally {
              settle();
            }
          });
          continue;
        }
        if (def.singleton && hasUnfinishedRun(def, singletonKey(def, event))) continue;
        result.runIds.push(startRun(def, event).record.runId);
      }
    });
    return result;
  }

  const singletonKey = (def: FunctionDef, event: RunnerEvent) => String(def.singleton?.key?.({ event }) ?? "");

  /** Inngest's singleton "skip": one unfinished run per key, later events are dropped. */
  function hasUnfinishedRun(def: FunctionDef, key: string): boolean {
    for (const r of runs.values()) {
      if (r.def.id === def.id && !r.finished && singletonKey(def, r.record.event) === key) return true;
    }
    return false;
  }

  async function invoke(opts: InvokeOpts): Promise<unknown> {
    const target = opts.function as { opts?: { id?: string; functionId?: string } } | string;
    const targetId = typeof target === "string" ? target : (target?.opts?.functionId ?? target?.opts?.id);
    const def = defs.find((d) => d.fn === target || d.id === targetId || d.appFunctionId === targetId);
    if (!def) throw new NonRetriableError(`step.invoke: function "${targetId}" is not registered with the local runner`);
    const child = startRun(def, normalize({ name: "inngest/function.invoked", data: opts.data ?? {} }));
    let cancel = () => {};
    const timedOut =
      opts.timeout === undefined
        ? new Promise<never>(() => {})
        : new Promise<never>((_, reject) => {
            cancel = setLongTimeout(timeoutMs(opts.timeout), () => reject(new Error(`step.invoke of "${def.id}" timed out`)));
          });
    try {
      const rec = await Promise.race([child.done, timedOut]);
      if (rec.error) throw rec.error;
      return rec.output;
    } finally {
      cancel();
    }
  }

  function fireCron(def: FunctionDef, spec: CronSpec) {
    startRun(def, normalize({ name: "inngest/scheduled.timer", data: { cron: spec.raw } }));
  }

  return {
    functionIds: defs.map((d) => d.id),

    async send(events) {
      return dispatch(Array.isArray(events) ? events : [events]);
    },

    trigger(functionId, event) {
      const def = byId.get(functionId);
      if (!def) throw new Error(`no function "${functionId}" is registered with the local runner`);
      const input = event ?? (def.crons[0]
        ? { name: "inngest/scheduled.timer", data: { cron: def.crons[0].raw } }
        : { name: "inngest/function.invoked", data: {} });
      return startRun(def, normalize(input)).record.runId;
    },

    start() {
      if (crons) return;
      crons = [];
      for (const def of defs) {
        for (const spec of def.crons) {
          try {
            crons.push(
              new Cron(spec.pattern, { timezone: spec.timezone, unref: true, catch: true }, () => fireCron(def, spec)),
            );
          } catch (err) {
            // A bad schedule must not take the app down; Inngest would reject it at sync time.
            logger.error(`[inngest:${def.id}] invalid cron "${spec.raw}", not scheduled:`, err);
          }
        }
      }
    },

    stop() {
      for (const c of crons ?? []) c.stop();
      crons = undefined;
    },

    idle() {
      return active === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
    },

    run(runId) {
      const r = runs.get(runId);
      return r && snapshot(r);
    },

    runs(filter = {}) {
      return [...runs.values()]
        .filter((r) => (!filter.functionId || r.def.id === filter.functionId) && (!filter.status || r.record.status === filter.status))
        .map(snapshot);
    },

    waitForRun(runId) {
      const r = runs.get(runId);
      return r ? r.done : Promise.reject(new Error(`unknown or forgotten run "${runId}"`));
    },

    onRunFinished(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
