import path from "node:path";
import v8 from "node:v8";
import { closeDb, ensureDb } from "@/db";
import { getRunner } from "@/inngest/runner";
import { DISPATCH_FUNCTION_ID } from "@/inngest/functions/dispatch-sender";
import { kickDispatch } from "@/lib/sending/dispatch/kick-dispatch";
import { closeProviders } from "@/lib/sending/providers/provider-for-connection";

/**
 * The dispatch worker of `npm run bench -- campaign`, in its own process so its memory is the
 * dispatch's alone (not the benchmark's setup, nor the tsx compiler of the parent). It loads what
 * a worker loads, opens the database, reports its idle memory, and on "go" starts dispatch the way
 * a launch or the sweep does (kickDispatch -> `sending/sender.dispatch` -> the dispatch-sender
 * function on the in-process Inngest runner) and waits until every run has ended.
 */
type Mem = NodeJS.MemoryUsage;
const KEYS = ["rss", "heapTotal", "heapUsed", "external", "arrayBuffers"] as const;

const send = (m: unknown) => process.send?.(m);

function peakSampler() {
  const peak = { ...process.memoryUsage() };
  const sample = () => {
    const now = process.memoryUsage();
    for (const k of KEYS) peak[k] = Math.max(peak[k], now[k]);
  };
  const timer = setInterval(sample, 100);
  return {
    stop(): Mem {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/**
 * BENCH_WORKER_TRACE=1: every second, memory now, and every fifth second after a full GC (the live
 * set, as opposed to what V8 let accumulate before collecting). BENCH_HEAP_SNAPSHOT=<dir>: one
 * heap snapshot there once the heap first passes BENCH_HEAP_SNAPSHOT_MB (default 150).
 */
function tracer() {
  if (!process.env.BENCH_WORKER_TRACE && !process.env.BENCH_HEAP_SNAPSHOT) return () => {};
  const gc = (globalThis as { gc?: () => void }).gc;
  const fmt = (m: Mem) => KEYS.map((k) => `${k} ${Math.round(m[k] / 2 ** 20)}`).join(", ");
  let tick = 0;
  let snapped = false;
  const limit = Number(process.env.BENCH_HEAP_SNAPSHOT_MB ?? 150) * 2 ** 20;
  const timer = setInterval(() => {
    tick++;
    const now = process.memoryUsage();
    if (process.env.BENCH_HEAP_SNAPSHOT && !snapped && now.heapUsed > limit) {
      snapped = true;
      const file = v8.writeHeapSnapshot(path.join(process.env.BENCH_HEAP_SNAPSHOT, `worker-${process.pid}.heapsnapshot`));
      console.log(`[worker] heap snapshot ${file}`);
    }
    if (!process.env.BENCH_WORKER_TRACE) return;
    if (tick % 5 === 0 && gc) {
      gc();
      console.log(`[worker] ${tick}s ${fmt(now)} | after full GC: ${fmt(process.memoryUsage())}`);
    } else console.log(`[worker] ${tick}s ${fmt(now)}`);
  }, 1000);
  return () => clearInterval(timer);
}

/** BENCH_ALLOC_PROFILE=<file>: every allocation of the run, sampled (collected objects included). */
async function allocationProfile(): Promise<() => Promise<void>> {
  const file = process.env.BENCH_ALLOC_PROFILE;
  if (!file) return async () => {};
  const { Session } = await import("node:inspector");
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))));
  await post("HeapProfiler.startSampling", { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  return async () => {
    const { profile } = (await post("HeapProfiler.stopSampling")) as { profile: unknown };
    (await import("node:fs")).writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

async function main() {
  await ensureDb();
  const runner = getRunner();
  (globalThis as { gc?: () => void }).gc?.();
  send({ type: "ready", memory: process.memoryUsage() });

  const { senderIds } = await new Promise<{ senderIds: string[] }>((resolve) =>
    process.once("message", (m: { type: string; senderIds: string[] }) => resolve(m)),
  );
  const sampler = peakSampler();
  const stopTrace = tracer();
  const stopProfile = await allocationProfile();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await kickDispatch(senderIds);
  await runner.idle();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const peak = sampler.stop();
  stopTrace();
  await stopProfile();
  const runs = runner.runs({ functionId: DISPATCH_FUNCTION_ID });
  const failed = runs.filter((r) => r.status === "failed").length;
  send({ type: "done", ms, cpuMs: (cpu.user + cpu.system) / 1000, peak, runs: runs.length, failed });
  // Connections stay open until the benchmark has read their backends' CPU time.
  await new Promise((resolve) => process.once("message", resolve));
  await closeProviders();
  await closeDb();
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
