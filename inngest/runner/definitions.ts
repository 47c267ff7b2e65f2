import type { InngestFunction } from "inngest";
import { compileExpression, type Expression } from "./expression";
import type { RunnerEvent, RunnerLogger } from "./types";

/** Handlers are called with a context we build ourselves, so they are typed loosely here. */
export type LooseHandler = (ctx: Record<string, unknown>) => unknown;

export type ConcurrencySpec = { limit: number; key?: Expression; scope: string };

export type CronSpec = { raw: string; pattern: string; timezone?: string };

/** Everything the runner needs from one `InngestFunction`, read once at creation. */
export type FunctionDef = {
  id: string;
  /** `<app id>-<fn id>`, the id Inngest puts in `inngest/function.failed` events. */
  appFunctionId: string;
  fn?: InngestFunction.Any;
  handler: LooseHandler;
  onFailure?: LooseHandler;
  triggers: { matches: (name: string) => boolean; if?: Expression }[];
  crons: CronSpec[];
  maxAttempts: number;
  concurrency: ConcurrencySpec[];
  idempotency?: Expression;
  /** `singleton` in "skip" mode: an event is dropped while a run with the same key is unfinished. */
  singleton?: { key?: Expression };
};

/** Options Inngest honours server-side that have no in-process equivalent here. */
const IGNORED_OPTIONS = [
  "batchEvents",
  "rateLimit",
  "throttle",
  "debounce",
  "priority",
  "timeouts",
  "cancelOn",
  "middleware",
] as const;

type RawTrigger = { event?: string | { name: string }; if?: string; cron?: string };
type RawConcurrency = number | { limit: number; key?: string; scope?: string };

export function toDefinition(fn: InngestFunction.Any, logger: RunnerLogger): FunctionDef {
  const opts = fn.opts as InngestFunction.Options & Record<string, unknown>;
  const id = opts.id;
  // The handler is the private `fn` field of InngestFunction (inngest 4.x); there is no public
  // accessor, and the SDK's own execution engine needs an Inngest server to drive it.
  const handler = (fn as unknown as { fn?: LooseHandler }).fn;
  if (typeof handler !== "function") throw new Error(`[inngest:${id}] cannot read the function's handler`);
  const clientId = (fn as unknown as { client?: { id?: string } }).client?.id;

  const singleton = opts.singleton as { key?: string; mode?: string } | undefined;
  const ignored: string[] = IGNORED_OPTIONS.filter((k) => opts[k] !== undefined);
  // "cancel" mode (cancel the running one, start the new one) has no equivalent here.
  if (singleton && singleton.mode !== "skip") ignored.push(`singleton mode "${singleton.mode}"`);
  if (ignored.length) logger.warn(`[inngest:${id}] the local runner ignores: ${ignored.join(", ")}`);

  const triggers: FunctionDef["triggers"] = [];
  const crons: CronSpec[] = [];
  for (const t of (opts.triggers ?? []) as RawTrigger[]) {
    if (t.cron) {
      crons.push(parseCron(t.cron));
    } else if (t.event) {
      const name = typeof t.event === "string" ? t.event : t.event.name;
      triggers.push({ matches: eventMatcher(name), if: t.if ? compileExpression(t.if) : undefined });
    }
  }

  const rawConcurrency = opts.concurrency as RawConcurrency | RawConcurrency[] | undefined;
  const concurrency = (Array.isArray(rawConcurrency) ? rawConcurrency : rawConcurrency === undefined ? [] : [rawConcurrency])
    .map((c) => (typeof c === "number" ? { limit: c } : c))
    // Inngest reads a limit of 0 as "no limit".
    .filter((c) => c.limit > 0)
    .map((c, i) => ({
      limit: c.limit,
      key: c.key ? compileExpression(c.key) : undefined,
      // Function-scoped groups are private to the function; env/account groups are shared by key.
      scope: !c.scope || c.scope === "fn" ? `fn:${id}:${i}` : c.scope,
    }));

  return {
    id,
    appFunctionId: clientId ? `${clientId}-${id}` : id,
    fn,
    handler,
    onFailure: typeof opts.onFailure === "function" ? (opts.onFailure as LooseHandler) : undefined,
    triggers,
    crons,
    maxAttempts: (typeof opts.retries === "number" ? opts.retries : 3) + 1,
    concurrency,
    idempotency: typeof opts.idempotency === "string" ? compileExpression(opts.idempotency) : undefined,
    singleton: singleton?.mode === "skip" ? { key: singleton.key ? compileExpression(singleton.key) : undefined } : undefined,
  };
}

/** The `onFailure` handler runs as its own function, with one retry as Inngest configures it. */
export function failureDefinition(def: FunctionDef): FunctionDef | undefined {
  if (!def.onFailure) return undefined;
  return {
    id: `${def.id}-failure`,
    appFunctionId: `${def.appFunctionId}-failure`,
    handler: def.onFailure,
    triggers: [],
    crons: [],
    maxAttempts: 2,
    concurrency: [],
  };
}

/** Inngest event triggers may use `*` wildcards (`app/user.*`). */
function eventMatcher(name: string): (eventName: string) => boolean {
  if (!name.includes("*")) return (n) => n === name;
  const re = new RegExp(`^${name.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return (n) => re.test(n);
}

/** Accepts Inngest's `TZ=Europe/Paris 0 7 * * *` (or `CRON_TZ=`) prefix. */
export function parseCron(raw: string): CronSpec {
  const m = /^\s*(?:CRON_)?TZ=(\S+)\s+(.+?)\s*$/.exec(raw);
  return m ? { raw, pattern: m[2], timezone: m[1] } : { raw, pattern: raw.trim() };
}

/** Evaluated concurrency groups for a run of `def` triggered by `event`. */
export function slotNeeds(def: FunctionDef, event: RunnerEvent) {
  return def.concurrency.map((c) => ({
    key: `${c.scope}|${c.key ? String(c.key({ event }) ?? "") : ""}`,
    limit: c.limit,
  }));
}
