/** An event as the runner receives it: Inngest's payload shape, `data` defaulting to `{}`. */
export type RunnerEventInput = {
  name: string;
  data?: unknown;
  /** Idempotency id: a second event with the same id within 24 h starts no runs (as in Inngest). */
  id?: string;
  ts?: number;
  v?: string;
};

/** What handlers see as `event`: always has `id`, `ts` and `data`. */
export type RunnerEvent = { name: string; data: Record<string, unknown>; id: string; ts: number; v?: string };

export type RunStatus = "queued" | "running" | "waiting" | "completed" | "failed";

export type RunRecord = {
  runId: string;
  functionId: string;
  event: RunnerEvent;
  /** `queued`: waiting for a concurrency slot; `waiting`: sleeping, backing off or awaiting an event. */
  status: RunStatus;
  /** Handler attempts started so far (step retries happen inside an attempt and are not counted). */
  attempts: number;
  /** The handler's return value, JSON round-tripped as Inngest would store it. */
  output?: unknown;
  error?: Error;
  enqueuedAt: number;
  startedAt?: number;
  finishedAt?: number;
};

export type RunnerLogger = {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
};

export type LocalRunnerOptions = {
  /** Used for the runner's own messages and passed to handlers as `ctx.logger`. Default: console. */
  logger?: RunnerLogger;
  /** Wait before the first retry; doubles for each further retry. Default 1000 ms. */
  backoffBaseMs?: number;
  /** Ceiling for the exponential backoff. Default 10 minutes. */
  backoffMaxMs?: number;
  /** Finished runs kept for `run()`/`runs()`; the oldest are forgotten first. Default 1000. */
  maxFinishedRuns?: number;
  onRunFinished?: (run: RunRecord) => void;
};

export type SendResult = { ids: string[]; runIds: string[] };

export type LocalRunner = {
  /** Ids of the registered functions. */
  readonly functionIds: readonly string[];
  /** Starts a run of every function triggered by each event; resolves once they are enqueued. */
  send(events: RunnerEventInput | RunnerEventInput[]): Promise<SendResult>;
  /**
   * Starts one run of `functionId` directly (a cron function gets an `inngest/scheduled.timer`
   * event unless `event` is given). For scripts and tests: "run the nightly job now".
   */
  trigger(functionId: string, event?: RunnerEventInput): string;
  /** Arms cron timers (unref'd). Idempotent. */
  start(): void;
  /** Clears cron timers; runs in flight carry on. */
  stop(): void;
  /** Resolves when no run is queued, running or waiting. */
  idle(): Promise<void>;
  /** A snapshot of a run, or undefined when unknown or already forgotten. */
  run(runId: string): RunRecord | undefined;
  runs(filter?: { functionId?: string; status?: RunStatus }): RunRecord[];
  /** Resolves with the finished run (completed or failed); never rejects for a failed run. */
  waitForRun(runId: string): Promise<RunRecord>;
  /** Subscribes to finished runs; returns the unsubscribe function. */
  onRunFinished(listener: (run: RunRecord) => void): () => void;
};
