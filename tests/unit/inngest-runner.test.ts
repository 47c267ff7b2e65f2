import { afterEach, describe, expect, it, vi } from "vitest";
import { Inngest, NonRetriableError, RetryAfterError, type InngestFunction } from "inngest";
import { createLocalRunner, type LocalRunnerOptions } from "@/inngest/runner/local-runner";

const inngest = new Inngest({ id: "runner-test" });

function quietLogger() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
}

/** A runner with a silent logger and 1 ms backoff, so retries cost nothing. */
function makeRunner(functions: InngestFunction.Any[], options: LocalRunnerOptions = {}) {
  const logger = quietLogger();
  return { runner: createLocalRunner(functions, { logger, backoffBaseMs: 1, ...options }), logger };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  vi.useRealTimers();
});

describe("local runner", () => {
  it("routes an event to every function triggered by it, and only those", async () => {
    const seen: string[] = [];
    const onA = inngest.createFunction({ id: "on-a", triggers: [{ event: "test/a" }] }, async ({ event }) => {
      seen.push(`on-a:${event.data.n}`);
      return "a";
    });
    const alsoA = inngest.createFunction({ id: "also-a", triggers: [{ event: "test/a" }, { event: "test/c" }] }, async () => {
      seen.push("also-a");
    });
    const onB = inngest.createFunction(
      { id: "on-b", triggers: [{ event: "test/b", if: "event.data.plan == 'pro' && event.data.seats > 1" }] },
      async () => {
        seen.push("on-b");
      },
    );
    const { runner } = makeRunner([onA, alsoA, onB]);

    const { ids, runIds } = await runner.send({ name: "test/a", data: { n: 1 } });
    expect(ids).toHaveLength(1);
    expect(runIds).toHaveLength(2);
    await runner.idle();

    expect(seen.sort()).toEqual(["also-a", "on-a:1"]);
    expect(runner.run(runIds[0])).toMatchObject({ functionId: "on-a", status: "completed", output: "a" });
    expect(runner.runs({ functionId: "on-b" })).toHaveLength(0);

    // Trigger `if` expressions filter events.
    expect((await runner.send({ name: "test/b", data: { plan: "free", seats: 5 } })).runIds).toHaveLength(0);
    expect((await runner.send({ name: "test/b", data: { plan: "pro", seats: 5 } })).runIds).toHaveLength(1);
  });

  it("memoizes completed steps across a handler retry and retries failing steps in place", async () => {
    let prepared = 0;
    let flaky = 0;
    const fn = inngest.createFunction({ id: "memo", retries: 3, triggers: [{ event: "test/memo" }] }, async ({ step, attempt }) => {
      const at = await step.run("prepare", () => {
        prepared++;
        return { at: new Date(0) };
      });
      const value = await step.run("flaky", () => {
        if (++flaky < 3) throw new Error("transient");
        return 42;
      });
      if (attempt < 2) throw new Error("outside a step");
      return { at: at.at, value, attempt };
    });
    const { runner } = makeRunner([fn]);

    const { runIds } = await runner.send({ name: "test/memo" });
    const run = await runner.waitForRun(runIds[0]);

    expect(prepared).toBe(1);
    expect(flaky).toBe(3);
    expect(run).toMatchObject({ status: "completed", attempts: 3 });
    // Step results are JSON round-tripped as Inngest stores them: the Date comes back a string.
    expect(run.output).toEqual({ at: "1970-01-01T00:00:00.000Z", value: 42, attempt: 2 });
  });

  it("suffixes repeated step ids so steps in a loop memoize separately", async () => {
    const calls: number[] = [];
    const fn = inngest.createFunction({ id: "loop", triggers: [{ event: "test/loop" }] }, async ({ step, attempt }) => {
      const out: number[] = [];
      for (let i = 0; i < 3; i++) out.push(await step.run("item", () => (calls.push(i), i * 10)));
      if (attempt === 0) throw new Error("retry once");
      return out;
    });
    const { runner } = makeRunner([fn]);

    const run = await runner.waitForRun((await runner.send({ name: "test/loop" })).runIds[0]);
    expect(run.output).toEqual([0, 10, 20]);
    expect(calls).toEqual([0, 1, 2]);
  });

  it("records a run that exhausts its retries as failed, logs it, and does not throw", async () => {
    let calls = 0;
    const fn = inngest.createFunction({ id: "doomed", retries: 2, triggers: [{ event: "test/doomed" }] }, async ({ step }) => {
      await step.run("explode", () => {
        calls++;
        throw new Error("boom");
      });
    });
    const { runner, logger } = makeRunner([fn]);
    const finished = vi.fn();
    runner.onRunFinished(finished);

    const { runIds } = await runner.send({ name: "test/doomed" });
    await runner.idle();

    expect(calls).toBe(3);
    const run = runner.run(runIds[0])!;
    expect(run.status).toBe("failed");
    expect(run.error?.message).toBe("boom");
    expect(finished).toHaveBeenCalledWith(expect.objectContaining({ runId: runIds[0], status: "failed" }));
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining("[inngest:doomed]"), expect.any(Error));
  });

  it("stops at once on NonRetriableError, in the handler or in a step", async () => {
    let stepCalls = 0;
    let handlerCalls = 0;
    const inStep = inngest.createFunction({ id: "nr-step", triggers: [{ event: "test/nr" }] }, async ({ step }) => {
      await step.run("refuse", () => {
        stepCalls++;
        throw new NonRetriableError("bad input");
      });
    });
    const inHandler = inngest.createFunction({ id: "nr-handler", triggers: [{ event: "test/nr" }] }, async () => {
      handlerCalls++;
      throw new NonRetriableError("bad input");
    });
    const { runner } = makeRunner([inStep, inHandler]);

    await runner.send({ name: "test/nr" });
    await runner.idle();

    expect(stepCalls).toBe(1);
    expect(handlerCalls).toBe(1);
    expect(runner.runs().map((r) => [r.functionId, r.status, r.attempts])).toEqual([
      ["nr-step", "failed", 1],
      ["nr-handler", "failed", 1],
    ]);
  });

  it("feeds step.sendEvent back into the runner", async () => {
    const parent = inngest.createFunction({ id: "parent", triggers: [{ event: "test/parent" }] }, async ({ event, step }) => {
      return step.sendEvent("fan-out", [
        { name: "test/child", data: { n: event.data.n } },
        { name: "test/child", data: { n: event.data.n + 1 } },
      ]);
    });
    const child = inngest.createFunction({ id: "child", triggers: [{ event: "test/child" }] }, async ({ event }) => event.data.n * 2);
    const { runner } = makeRunner([parent, child]);

    await runner.send({ name: "test/parent", data: { n: 1 } });
    await runner.idle();

    expect(runner.runs({ functionId: "parent" })[0].output).toEqual({ ids: [expect.any(String), expect.any(String)] });
    expect(runner.runs({ functionId: "child" }).map((r) => r.output).sort()).toEqual([2, 4]);
  });

  it("waits on step.sleep", async () => {
    const fn = inngest.createFunction({ id: "sleeper", triggers: [{ event: "test/sleep" }] }, async ({ step }) => {
      const before = Date.now();
      await step.sleep("nap", "50ms");
      await step.sleep("nap-ms", 10);
      return Date.now() - before;
    });
    const { runner } = makeRunner([fn]);

    const { runIds } = await runner.send({ name: "test/sleep" });
    await tick(0);
    expect(runner.run(runIds[0])?.status).toBe("waiting");
    const run = await runner.waitForRun(runIds[0]);
    expect(run.output).toBeGreaterThanOrEqual(50);
  });

  it("serialises runs sharing a concurrency key and runs different keys in parallel", async () => {
    const current = new Map<string, number>();
    const maxPerKey = new Map<string, number>();
    let running = 0;
    let maxRunning = 0;
    const order: number[] = [];
    const fn = inngest.createFunction(
      { id: "per-org", concurrency: { limit: 1, key: "event.data.orgId" }, triggers: [{ event: "test/org" }] },
      async ({ event, step }) => {
        await step.run("work", async () => {
          const org = event.data.orgId as string;
          if (org === "org_1") order.push(event.data.seq);
          current.set(org, (current.get(org) ?? 0) + 1);
          maxPerKey.set(org, Math.max(maxPerKey.get(org) ?? 0, current.get(org)!));
          maxRunning = Math.max(maxRunning, ++running);
          await tick(15);
          running--;
          current.set(org, current.get(org)! - 1);
        });
      },
    );
    const { runner } = makeRunner([fn]);

    const orgs = ["org_1", "org_1", "org_2", "org_1", "org_2"];
    await runner.send(orgs.map((orgId, seq) => ({ name: "test/org", data: { orgId, seq } })));
    await tick(0);
    expect(runner.runs({ status: "queued" })).toHaveLength(3);
    await runner.idle();

    expect(maxPerKey.get("org_1")).toBe(1);
    expect(maxPerKey.get("org_2")).toBe(1);
    expect(maxRunning).toBe(2);
    expect(order).toEqual([0, 1, 3]); // FIFO within a key
    expect(runner.runs({ status: "completed" })).toHaveLength(5);
  });

  it("fires cron triggers while started, in the given time zone, and not after stop()", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    vi.setSystemTime(new Date("2030-01-15T06:59:00Z"));
    const fired: string[] = [];
    const fn = inngest.createFunction({ id: "daily", triggers: [{ cron: "TZ=Europe/Paris 0 8 * * *" }] }, async ({ event }) => {
      fired.push(`${event.name} ${(event.data as { cron?: string }).cron} ${new Date().toISOString()}`);
    });
    const { runner } = makeRunner([fn]);

    await vi.advanceTimersByTimeAsync(120_000);
    expect(fired).toEqual([]); // not started yet

    vi.setSystemTime(new Date("2030-01-15T06:59:00Z"));
    runner.start();
    runner.start(); // idempotent: still one timer
    await vi.advanceTimersByTimeAsync(59_000);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    await runner.idle();
    // 08:00 in Paris is 07:00 UTC in January.
    expect(fired).toEqual(["inngest/scheduled.timer TZ=Europe/Paris 0 8 * * * 2030-01-15T07:00:00.000Z"]);

    runner.stop();
    await vi.advanceTimersByTimeAsync(2 * 24 * 3600_000);
    expect(fired).toHaveLength(1);
  });

  it("waits for the time a RetryAfterError asks for", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const fn = inngest.createFunction({ id: "later", triggers: [{ event: "test/later" }] }, async ({ attempt }) => {
      if (attempt === 0) throw new RetryAfterError("rate limited", 5_000);
      return attempt;
    });
    const { runner } = makeRunner([fn]);

    const { runIds } = await runner.send({ name: "test/later" });
    await vi.advanceTimersByTimeAsync(4_900);
    expect(runner.run(runIds[0])).toMatchObject({ status: "waiting", attempts: 1 });
    await vi.advanceTimersByTimeAsync(200);
    expect(runner.run(runIds[0])).toMatchObject({ status: "completed", output: 1 });
  });

  it("resolves step.waitForEvent with the matching event, or null on timeout", async () => {
    const fn = inngest.createFunction({ id: "approval", triggers: [{ event: "test/requested" }] }, async ({ event, step }) => {
      const approved = await step.waitForEvent("approved", { event: "test/approved", match: "data.id", timeout: "200ms" });
      return approved ? `approved ${event.data.id} by ${approved.data.by}` : `timeout ${event.data.id}`;
    });
    const { runner } = makeRunner([fn]);

    const a = (await runner.send({ name: "test/requested", data: { id: 1 } })).runIds[0];
    const b = (await runner.send({ name: "test/requested", data: { id: 2 } })).runIds[0];
    await tick(0);
    await runner.send({ name: "test/approved", data: { id: 1, by: "ann" } });
    await runner.idle();

    expect(runner.run(a)?.output).toBe("approved 1 by ann");
    expect(runner.run(b)?.output).toBe("timeout 2");
  });

  it("runs onFailure handlers, invokes functions, and drops duplicate event ids", async () => {
    const failures: string[] = [];
    const failing = inngest.createFunction(
      {
        id: "failing",
        retries: 0,
        triggers: [{ event: "test/fail" }],
        onFailure: async ({ event, error }) => {
          failures.push(`${event.data.function_id}: ${error.message}`);
        },
      },
      async () => {
        throw new Error("nope");
      },
    );
    const double = inngest.createFunction({ id: "double", triggers: [{ event: "test/never" }] }, async ({ event }) => event.data.n * 2);
    const caller = inngest.createFunction({ id: "caller", triggers: [{ event: "test/call" }] }, async ({ step }) =>
      step.invoke("double-it", { function: double, data: { n: 21 } }),
    );
    const { runner } = makeRunner([failing, double, caller]);

    await runner.send({ name: "test/fail" });
    const first = await runner.send({ name: "test/call", id: "dedupe-me" });
    const second = await runner.send({ name: "test/call", id: "dedupe-me" });
    await runner.idle();

    expect(failures).toEqual(["runner-test-failing: nope"]);
    expect(first.runIds).toHaveLength(1);
    expect(second.runIds).toHaveLength(0);
    expect(runner.run(first.runIds[0])?.output).toBe(42);
  });

  it("idle() resolves at once when nothing runs, and only after chained work otherwise", async () => {
    const fn1 = inngest.createFunction({ id: "first", triggers: [{ event: "test/chain" }] }, async ({ step }) => {
      await step.sleep("pause", 20);
      await step.sendEvent("next", { name: "test/chain-2" });
    });
    const fn2 = inngest.createFunction({ id: "second", triggers: [{ event: "test/chain-2" }] }, async ({ step }) => {
      await step.sleep("pause", 20);
      return "done";
    });
    const { runner } = makeRunner([fn1, fn2]);

    await runner.idle();
    await runner.send({ name: "test/chain" });
    await runner.idle();

    expect(runner.runs().map((r) => [r.functionId, r.status])).toEqual([
      ["first", "completed"],
      ["second", "completed"],
    ]);
  });
});
