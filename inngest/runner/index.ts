import { functions } from "@/inngest/functions";
import { createLocalRunner, type LocalRunner } from "./local-runner";

export { createLocalRunner } from "./local-runner";
export type * from "./types";

/**
 * One runner per process, kept on globalThis: Next compiles instrumentation, route handlers and
 * server actions into separate module graphs that share a process, and each would otherwise get
 * its own runner (duplicate cron firings, idle() blind to the other's runs). A consequence: in
 * `next dev`, edits to function definitions take effect after a server restart.
 */
const KEY = Symbol.for("herald.inngest.localRunner");
type Holder = { runner: LocalRunner; started: boolean };
const store = globalThis as typeof globalThis & { [KEY]?: Holder };

function holder(): Holder {
  store[KEY] ??= {
    runner: createLocalRunner(functions, {
      // Tests should not wait seconds for retries; production keeps Inngest-like spacing.
      backoffBaseMs: process.env.NODE_ENV === "test" ? 10 : 1000,
    }),
    started: false,
  };
  return store[KEY];
}

export function getRunner(): LocalRunner {
  return holder().runner;
}

/**
 * Arms cron triggers, once per process. Call it where the server boots (instrumentation
 * `register()`), which also makes that clean context the one runs execute in.
 */
export function startRunner(): LocalRunner {
  const h = holder();
  if (!h.started) {
    h.runner.start();
    h.started = true;
  }
  return h.runner;
}

/** Test hook: stop cron timers and drop the singleton so the next getRunner() builds a fresh one. */
export function resetRunner(): void {
  store[KEY]?.runner.stop();
  delete store[KEY];
}
