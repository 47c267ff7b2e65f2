import { randomUUID } from "node:crypto";
import { slotNeeds, type FunctionDef } from "./definitions";
import type { Slots, SlotNeed } from "./slots";
import type { Memo, StepHost, WaitForEventOpts } from "./step-tools";
import type { RunRecord, RunnerEvent } from "./types";

/** A run's mutable state. `record` is what callers see (as copies). */
export type RunState = {
  record: RunRecord;
  def: FunctionDef;
  /** Extra handler context, e.g. `error` for onFailure handlers. */
  extraCtx?: Record<string, unknown>;
  memo: Map<string, Memo>;
  finalErrors: WeakSet<object>;
  needs: SlotNeed[];
  holding: boolean;
  acquiring?: Promise<void>;
  /** Step bodies of this run executing right now (parallel steps make it > 1). */
  busyCount: number;
  finished: boolean;
  done: Promise<RunRecord>;
  resolveDone: (r: RunRecord) => void;
};

export function newRunState(def: FunctionDef, event: RunnerEvent, extraCtx?: Record<string, unknown>): RunState {
  let resolveDone!: (r: RunRecord) => void;
  const done = new Promise<RunRecord>((r) => (resolveDone = r));
  return {
    record: { runId: randomUUID(), functionId: def.id, event, status: "queued", attempts: 0, enqueuedAt: Date.now() },
    def,
    extraCtx,
    done,
    resolveDone,
    memo: new Map(),
    finalErrors: new WeakSet(),
    needs: slotNeeds(def, event),
    holding: false,
    busyCount: 0,
    finished: false,
  };
}

export type HostDeps = Pick<StepHost, "logger" | "backoffMs" | "send" | "invoke"> & {
  slots: Slots;
  waitForEvent(trigger: RunnerEvent, opts: WaitForEventOpts): Promise<RunnerEvent | null>;
};

/**
 * The step tools' view of a run, including concurrency bookkeeping: a run holds its slots while
 * its code executes and gives them up while it sleeps, backs off or waits, as an idle Inngest
 * run does not count against concurrency. Otherwise one run sleeping for a day would block every
 * other run with the same key.
 */
export function createRunHost(run: RunState, deps: HostDeps): StepHost & { hold(): Promise<void> } {
  const { slots } = deps;
  const hold = (): Promise<void> => {
    if (run.holding) return Promise.resolve();
    run.acquiring ??= slots.acquire(run.needs).then(() => {
      run.acquiring = undefined;
      // A dangling step may re-acquire after the run ended: hand the slots straight back.
      if (run.finished) return slots.release(run.needs);
      run.holding = true;
      run.record.status = "running";
      run.record.startedAt ??= Date.now();
    });
    return run.acquiring;
  };
  return {
    functionId: run.def.id,
    maxAttempts: run.def.maxAttempts,
    logger: deps.logger,
    memo: run.memo,
    finalErrors: run.finalErrors,
    backoffMs: deps.backoffMs,
    hold,
    async busy(fn) {
      await hold();
      run.busyCount++;
      try {
        return await fn();
      } finally {
        run.busyCount--;
      }
    },
    async park(wait) {
      // Only release when no parallel step of this run is still executing user code.
      if (run.holding && run.busyCount === 0) {
        slots.release(run.needs);
        run.holding = false;
        run.record.status = "waiting";
      }
      try {
        return await wait;
      } finally {
        await hold();
      }
    },
    send: deps.send,
    waitForEvent: (opts) => deps.waitForEvent(run.record.event, opts),
    invoke: deps.invoke,
  };
}
