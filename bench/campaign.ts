import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { db, ensureDb, query } from "@/db";
import { campaigns, type Campaign } from "@/db/schema";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { createBenchOrg, createNewsletter, createSenders, dropBenchOrg, generateContacts, listOf, type BenchOrg } from "./campaign-setup";
import { bundleFile, childRssSampler, loadNote, procCpuMs, procMemory, startChild, type Child } from "./campaign-processes";

export type BenchResult = { name: string; ms: number; rows?: number; baseline?: number; note?: string };

/**
 * `npm run bench -- campaign`: a campaign's whole path against real Postgres.
 *
 * 1. Intake: launchCampaign() to a list of BENCH_ROWS contacts (recipient local time and business
 *    hours on, so the schedule SQL runs for every contact; suppressed, unsubscribed and skipped
 *    contacts among them) against a bare `INSERT INTO messages ... SELECT` of the list's
 *    subscribed members, each from an empty campaign, run alternately, medians compared.
 *    The launch is scheduled two days ahead, so the dispatch it kicks finds nothing due and stops.
 * 2. Dispatch through SendGrid: the queue is moved to "due now", and a worker process runs the
 *    real dispatch-sender function (local Inngest runner) until the campaign is sent, against
 *    the SendGrid fake in a process of its own. Messages/s over the whole campaign; the worker's
 *    peak RSS (sampled every 100 ms from /proc, and the kernel's high-water mark).
 * 3. Dispatch through SMTP to the sink (its own process), a campaign of BENCH_SMTP_ROWS.
 * The org is dropped at the end, whatever happens.
 */

const SENDGRID_KEY = "SG.bench-campaign-key";
/** Senders in each pool: the form caps a sender at 1,000/s, so a pool is how an org goes faster. */
const SENDGRID_SENDERS = Number(process.env.BENCH_SENDGRID_SENDERS ?? 8);
const SMTP_SENDERS = Number(process.env.BENCH_SMTP_SENDERS ?? 2);
const INTAKE_RUNS = Number(process.env.BENCH_INTAKE_RUNS ?? 3);
const WORKER_APP = "herald-bench-worker";
/**
 * The dispatch worker's heap budget (`--max-old-space-size`), 0 for V8's default. V8 lets garbage
 * pile up to about 4x the live heap before a full collection when its limit is 2 GB or more (the
 * default on this 24 GB machine), and 1.3-2x under a smaller limit: the worker's live heap is
 * ~40 MB (~80 MB through SMTP), so a 256 MB budget keeps the same work well under 300 MB RSS.
 */
const WORKER_HEAP_MB = Number(process.env.BENCH_WORKER_HEAP_MB ?? 256);
/** BENCH_CAMPAIGN_SKIP=sendgrid,smtp leaves phases out while working on another. */
const skip = (phase: string) => (process.env.BENCH_CAMPAIGN_SKIP ?? "").split(",").includes(phase);

const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const log = (s: string) => console.log(`[bench:campaign] ${s}`);

/** The same starting point for every timed statement: no campaign rows, fresh statistics, no checkpoint debt. */
async function settle(o: BenchOrg, campaignIds: string[], opts: { keepSticky: boolean }) {
  for (const id of campaignIds) await db.execute(sql`DELETE FROM messages WHERE campaign_id = ${id}`);
  if (!opts.keepSticky) await db.execute(sql`DELETE FROM contact_senders WHERE org_id = ${o.orgId}`);
  await db.execute(sql`VACUUM ANALYZE messages`);
  await db.execute(sql`VACUUM ANALYZE contact_senders`);
  await checkpoint();
}

/** Needs superuser or pg_checkpoint; without it the runs just carry more checkpoint noise. */
const checkpoint = () => db.execute(sql`CHECKPOINT`).catch(() => {});

async function resetToDraft(id: string) {
  await db
    .update(campaigns)
    .set({ status: "draft", content: null, links: [], totalCount: 0, queuedCount: 0, suppressedCount: 0, skippedCount: 0, movedCount: 0, launchedAt: null })
    .where(eq(campaigns.id, id));
}

/** After a launch: its kicked dispatch runs (nothing due yet) end before anything else is timed. */
async function runnerIdle() {
  const { getRunner } = await import("@/inngest/runner");
  await getRunner().idle();
}

function bareInsert(o: BenchOrg, campaignId: string, listId: string, senderIds: string[]) {
  const pool = sql`ARRAY[${sql.join(
    senderIds.map((s) => sql`${s}::text`),
    sql`, `,
  )}]`;
  return sql`
    INSERT INTO messages (org_id, campaign_id, contact_id, channel, sender_id, to_address, scheduled_for)
    SELECT lm.org_id, ${campaignId}, c.id, 'email', (${pool})[1 + c.id % ${senderIds.length}], c.email, now()
    FROM list_members lm JOIN contacts c ON c.id = lm.contact_id
    WHERE lm.list_id = ${listId} AND lm.org_id = ${o.orgId} AND lm.status = 'subscribed' AND c.status = 'subscribed' AND c.email IS NOT NULL`;
}

/** Two days ahead, 08:00-20:00 on each recipient's clock. */
function localWindow() {
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  return { startLocal: `${day}T08:00`, finishLocal: `${day}T20:00`, recipientLocalTime: true, respectBusinessHours: true };
}

/**
 * CPU time used so far by this benchmark's own Postgres backends (the launch or the bare insert
 * runs on one of them): unlike wall time, it barely moves with the machine's load.
 */
async function backendsCpuMs(): Promise<number> {
  const rows = await query<{ pid: number }>(
    sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND application_name <> ${WORKER_APP}`,
  );
  return rows.reduce((sum, r) => sum + (procCpuMs(Number(r.pid)) ?? 0), 0);
}

type Timed = { ms: number; cpuMs: number; load: string };

async function timed(fn: () => Promise<unknown>): Promise<Timed> {
  const load = loadNote();
  const cpu0 = await backendsCpuMs();
  const t = performance.now();
  await fn();
  const ms = performance.now() - t;
  return { ms, cpuMs: (await backendsCpuMs()) - cpu0, load };
}

/**
 * `runs` pairs of timed statements, alternating and ending with a launch, each from no campaign
 * rows and no sticky assignments (a first launch to these contacts); then one more launch with
 * the previous launch's sticky assignments in place (a later campaign to the same list), whose
 * rows are the ones dispatched next. With 0 runs, only that last launch, untimed.
 */
async function benchIntake(o: BenchOrg, listId: string, templateId: string, senderIds: string[], runs: number) {
  const launched = await createCampaign(o.actor, { name: "Bench launch", channel: "email", templateId, audience: { listIds: [listId] }, senderIds, schedule: localWindow() });
  const bare = await createCampaign(o.actor, { name: "Bench baseline", channel: "email", templateId, audience: { listIds: [listId] }, senderIds });
  const ids = [launched.id, bare.id];
  const first: Timed[] = [];
  const bares: Timed[] = [];
  let queued = 0;
  let bareRows = 0;
  const launch = async () => {
    await resetToDraft(launched.id);
    queued = (await launchCampaign(o.actor, { id: launched.id })).queued;
  };
  for (let i = 0; i < runs; i++) {
    const order = (runs - 1 - i) % 2 === 0 ? ["bare", "launch"] : ["launch", "bare"];
    for (const step of order) {
      await settle(o, ids, { keepSticky: false });
      if (step === "launch") {
        first.push(await timed(launch));
        await runnerIdle();
      } else {
        bares.push(
          await timed(async () => {
            const rows = await query<{ n: number }>(sql`WITH ins AS (${bareInsert(o, bare.id, listId, senderIds)} RETURNING 1) SELECT count(*)::int AS n FROM ins`);
            bareRows = Number(rows[0].n);
          }),
        );
      }
      const last = step === "launch" ? first.at(-1)! : bares.at(-1)!;
      log(`intake run ${i + 1} ${step}: ${last.ms.toFixed(0)} ms (backend CPU ${last.cpuMs.toFixed(0)} ms, ${last.load})`);
    }
  }
  await settle(o, ids, { keepSticky: runs > 0 });
  const repeat = await timed(launch);
  await runnerIdle();
  if (runs) log(`repeat launch: ${repeat.ms.toFixed(0)} ms (backend CPU ${repeat.cpuMs.toFixed(0)} ms, ${repeat.load})`);
  const [c] = await db.select().from(campaigns).where(eq(campaigns.id, launched.id));
  return { campaignId: launched.id, first, bares, repeat: runs ? repeat : null, queued, bareRows, campaign: c };
}

/** The launched queue, due now (its order kept): what the clock would do two days later. */
async function makeDue(campaignId: string) {
  await db.execute(sql`
    UPDATE messages SET scheduled_for = scheduled_for - (
      (SELECT max(scheduled_for) FROM messages WHERE campaign_id = ${campaignId} AND status = 'queued') - now()) - interval '1 minute'
    WHERE campaign_id = ${campaignId} AND status = 'queued'`);
  await db.execute(sql`VACUUM ANALYZE messages`);
  await checkpoint();
}

type WorkerDone = { ms: number; cpuMs: number; peak: NodeJS.MemoryUsage; runs: number; failed: number };

/** Dispatches the campaign from a fresh worker process; returns its figures and memory. */
async function dispatchInWorker(workerFile: string, campaignId: string, senderIds: string[], env: Record<string, string>, fake: Child) {
  // BENCH_WORKER_NODE_ARGS: e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the worker.
  const extra = (process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  // Its own application_name, so its Postgres backends (and their CPU time) can be told apart.
  const url = new URL(process.env.DATABASE_URL!);
  url.searchParams.set("application_name", WORKER_APP);
  const heap = WORKER_HEAP_MB ? [`--max-old-space-size=${WORKER_HEAP_MB}`] : [];
  const worker = startChild(workerFile, [], { env: { ...env, DATABASE_URL: url.toString() }, nodeArgs: ["--expose-gc", ...heap, ...extra] });
  try {
    const ready = await worker.next<{ memory: NodeJS.MemoryUsage }>("ready");
    const idle = procMemory(worker.proc.pid!)!;
    const rss = childRssSampler(worker.proc.pid!);
    const load0 = loadNote();
    const fake0 = procCpuMs(fake.proc.pid!) ?? 0;
    worker.send({ type: "go", senderIds });
    const done = await worker.next<WorkerDone>("done");
    const mem = rss.stop();
    const backends = await query<{ pid: number }>(sql`SELECT pid FROM pg_stat_activity WHERE application_name = ${WORKER_APP}`);
    const dbCpuMs = backends.reduce((sum, b) => sum + (procCpuMs(Number(b.pid)) ?? 0), 0);
    const fakeCpuMs = (procCpuMs(fake.proc.pid!) ?? 0) - fake0;
    fake.send({ type: "stats" });
    const stats = await fake.next<{ accepted: number; calls: number }>("stats");
    const [c] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
    return { done, dbCpuMs, fakeCpuMs, idle, idleHeap: ready.memory, mem, stats, campaign: c, loads: `${load0} at start, ${loadNote()} at end` };
  } finally {
    await worker.stop();
  }
}

export async function benchCampaign({ rows }: { rows: number }): Promise<BenchResult[]> {
  await ensureDb();
  const smtpRows = Number(process.env.BENCH_SMTP_ROWS ?? Math.min(50_000, rows));
  const o = await createBenchOrg();
  const children: Child[] = [];
  let workerFile = "campaign-worker.ts";
  const results: BenchResult[] = [];
  try {
    log(`generating ${rows.toLocaleString("en-US")} + ${smtpRows.toLocaleString("en-US")} contacts…`);
    const t0 = performance.now();
    await generateContacts(o.orgId, "user", rows);
    await generateContacts(o.orgId, "smtp", smtpRows);
    const mainList = await listOf(o, "Everyone", "user");
    const smtpList = await listOf(o, "SMTP bench", "smtp");
    await db.execute(sql`ANALYZE contacts`);
    await db.execute(sql`ANALYZE list_members`);
    await db.execute(sql`ANALYZE suppressions`);
    results.push({ name: `setup: ${(rows + smtpRows).toLocaleString("en-US")} contacts, suppressions and two lists (set-based)`, ms: performance.now() - t0, rows: rows + smtpRows });
    const templateId = await createNewsletter(o);
    // BENCH_WORKER=tsx runs the worker through tsx's loader instead of from a bundle.
    if (process.env.BENCH_WORKER !== "tsx") workerFile = await bundleFile("campaign-worker.ts");

    const sendgrid = startChild("campaign-fakes.ts", ["sendgrid"], { env: { BENCH_SENDGRID_KEY: SENDGRID_KEY } });
    children.push(sendgrid);
    const { url } = await sendgrid.next<{ url: string }>("ready");
    const smtp = startChild("campaign-fakes.ts", ["smtp"]);
    children.push(smtp);
    const sink = await smtp.next<{ host: string; port: number }>("ready");
    const sgSenders = await createSenders(o, { kind: "sendgrid", apiKey: SENDGRID_KEY }, SENDGRID_SENDERS);
    const smtpSenders = await createSenders(o, { kind: "smtp", host: sink.host, port: sink.port }, SMTP_SENDERS);

    log("intake: launch vs bare INSERT ... SELECT…");
    const intake = await benchIntake(o, mainList, templateId, sgSenders, skip("intake") ? 0 : INTAKE_RUNS);
    if (intake.bares.length) results.push(...intakeResults(intake));

    if (!skip("sendgrid")) {
      log(`dispatch through SendGrid: ${intake.queued.toLocaleString("en-US")} messages…`);
      await makeDue(intake.campaignId);
      const sg = await dispatchInWorker(workerFile, intake.campaignId, sgSenders, { SENDGRID_API_URL: url }, sendgrid);
      assertSent("SendGrid", sg.campaign, intake.queued);
      results.push({
        name: `dispatch through SendGrid (fake in its own process), ${SENDGRID_SENDERS} senders at 1,000/s`,
        ms: sg.done.ms,
        rows: sg.campaign.sentCount,
        note: `target >= 5,000/s; ${memNote(sg, workerFile)}`,
      });
    }

    if (!skip("smtp")) {
      log(`dispatch through SMTP: ${smtpRows.toLocaleString("en-US")} contacts…`);
      const day = new Date(Date.now() + 2 * 86_400_000).toISOString();
      const smtpCampaign = await createCampaign(o.actor, { name: "Bench SMTP", channel: "email", templateId, audience: { listIds: [smtpList] }, senderIds: smtpSenders, schedule: { startAt: day } });
      const smtpLaunch = await launchCampaign(o.actor, { id: smtpCampaign.id });
      await runnerIdle();
      await makeDue(smtpCampaign.id);
      const sm = await dispatchInWorker(workerFile, smtpCampaign.id, smtpSenders, {}, smtp);
      assertSent("SMTP", sm.campaign, smtpLaunch.queued);
      results.push({
        name: `dispatch through SMTP (sink in its own process), ${SMTP_SENDERS} senders at 1,000/s`,
        ms: sm.done.ms,
        rows: sm.campaign.sentCount,
        note: `target >= 1,000/s; ${memNote(sm, workerFile)}`,
      });
    }
    return results;
  } finally {
    // The figures so far, in case the teardown below fails.
    for (const r of results) log(`result: ${JSON.stringify(r)}`);
    for (const child of children) await child.stop().catch(() => {});
    if (path.isAbsolute(workerFile)) fs.rmSync(workerFile, { force: true });
    // BENCH_KEEP=1 leaves the org in place, to look at its rows and plans afterwards.
    if (process.env.BENCH_KEEP) log(`kept org ${o.orgId}`);
    else {
      log("dropping the bench org…");
      await dropBenchOrg(o);
    }
  }
}

function assertSent(what: string, c: Campaign, queued: number) {
  if (c.status !== "sent" || c.sentCount !== queued) {
    throw new Error(`${what} campaign not fully sent: ${JSON.stringify({ status: c.status, sent: c.sentCount, failed: c.failedCount, queued })}`);
  }
}

function intakeResults(intake: Awaited<ReturnType<typeof benchIntake>>): BenchResult[] {
  const c = intake.campaign;
  const n = (x: number) => x.toLocaleString("en-US");
  const med = (xs: Timed[], k: "ms" | "cpuMs") => median(xs.map((x) => x[k]));
  const detail = (xs: Timed[]) => xs.map((x) => `${(x.ms / 1000).toFixed(1)} s / CPU ${(x.cpuMs / 1000).toFixed(1)} s at ${x.load}`).join("; ");
  const bareMs = med(intake.bares, "ms");
  const bareCpu = med(intake.bares, "cpuMs");
  const cpuRatio = (cpu: number) => `backend CPU ${(cpu / 1000).toFixed(1)} s = ${(cpu / bareCpu).toFixed(2)}x the baseline's`;
  const out: BenchResult[] = [
    {
      name: "intake baseline: bare INSERT INTO messages ... SELECT FROM list_members JOIN contacts",
      ms: bareMs,
      rows: intake.bareRows,
      note: `median of ${intake.bares.length} (${detail(intake.bares)}); median backend CPU ${(bareCpu / 1000).toFixed(1)} s; the list's subscribed members with an e-mail, a sender each`,
    },
    {
      name: "intake: launchCampaign, first launch to the list (writes the sticky sender assignments)",
      ms: med(intake.first, "ms"),
      rows: intake.queued,
      baseline: bareMs,
      note:
        `target < 1.5x; median of ${intake.first.length} (${detail(intake.first)}); ${cpuRatio(med(intake.first, "cpuMs"))}; ` +
        `recipient local time + business hours: queued ${n(intake.queued)}, left out ${n(c.suppressedCount)} (suppressed or not subscribed), ` +
        `skipped ${n(c.skippedCount)} (outside hours), moved ${n(c.movedCount)}`,
    },
  ];
  if (intake.repeat) {
    out.push({
      name: "intake: launchCampaign, a later launch to the same list (assignments exist)",
      ms: intake.repeat.ms,
      rows: intake.queued,
      baseline: bareMs,
      note: `one run at ${intake.repeat.load}; ${cpuRatio(intake.repeat.cpuMs)}`,
    });
  }
  return out;
}

function memNote(r: Awaited<ReturnType<typeof dispatchInWorker>>, workerFile: string) {
  const perMessage = (ms: number) => ((ms * 1000) / Math.max(1, r.campaign.sentCount)).toFixed(0);
  const how = `${path.isAbsolute(workerFile) ? "bundled worker" : "worker under tsx"}${WORKER_HEAP_MB ? ` (--max-old-space-size=${WORKER_HEAP_MB})` : " (V8's default heap limit)"}`;
  return (
    `peak RSS ${mb(r.mem.peak)} sampled every 100 ms (kernel high-water mark ${mb(r.mem.hwm)}; target < 300 MB); idle ${how} ${mb(r.idle.rss)}; ` +
    `heap peaks: used ${mb(r.done.peak.heapUsed)}, total ${mb(r.done.peak.heapTotal)}, external ${mb(r.done.peak.external)}, array buffers ${mb(r.done.peak.arrayBuffers)}; ` +
    `CPU per message: worker ${perMessage(r.done.cpuMs)} µs, its Postgres backends ${perMessage(r.dbCpuMs)} µs, the fake ${perMessage(r.fakeCpuMs)} µs; ${r.stats.calls.toLocaleString("en-US")} provider calls; ${r.loads}`
  );
}
