import { and, eq } from "drizzle-orm";
import { db, dbKind, query, sql, type Db } from "@/db";
import { contactAttributes, importErrors, imports, orgs, type ImportOptions } from "@/db/schema";
import { normalizeTags } from "@/lib/audience/normalize";
import { AppError } from "@/lib/errors";
import type { MappingTarget } from "./column-mapping";
import { getPlan } from "@/lib/billing/plans";
import { remainingContactCapacity } from "@/lib/billing/limits";
import { discardImportFile } from "./import-file";
import { mergeChunk, resolveDuplicates, type Capacity } from "./merge-chunk";
import { mergeLanes } from "./merge-lanes";
import { estimateRows, readCsvFile } from "./read-csv";
import { SeenKeys } from "./seen-keys";
import { openLanes, type StageBuffer, type Staging } from "./staging";
import { REASONS, rowValidator } from "./validate-row";

/** Milliseconds per phase, for the benchmark: `read` is Node's own time (parse and checks). */
export type ImportTrace = Record<"read" | "stall" | "copy" | "merge" | "analyze" | "errors" | "duplicates" | "settle", number>;

async function timed<T>(trace: ImportTrace | undefined, phase: keyof ImportTrace, run: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await run();
  } finally {
    if (trace) trace[phase] += performance.now() - t;
  }
}

export type ImportCounts = { total: number; processed: number; created: number; updated: number; skipped: number; failed: number };
type Failed = { line: number; reason: string; raw: string[] };

// Rows per merge statement: big enough that per-statement costs vanish, small enough that the
// progress bar moves every second or two and two chunks in flight stay a few tens of MB.
const CHUNK_ROWS = 100_000;
// The first chunk merges alone (merge-lanes.ts) and is the progress bar's first step: a small one
// keeps both short, so a large file shows movement within a second or two, not after 100k rows.
const FIRST_CHUNK_ROWS = 10_000;

// Merges in flight at once, each on its own connection (merge-lanes.ts). One merge statement runs
// on one core and contacts' index upkeep is most of an import's time, so a second merge beside it
// uses the other core of a two-core server (1M rows inserted in 22.7 s on two sessions, 33.7 s on
// one; the whole import 1.3x faster, docs/PERFORMANCE.md).
const LANES = 2;

async function writeErrors(on: Db, orgId: string, importId: string, failed: Failed[]) {
  for (let i = 0; i < failed.length; i += 1000) {
    await on.insert(importErrors).values(failed.slice(i, i + 1000).map((f) => ({ importId, orgId, ...f })));
  }
}

/**
 * Runs a queued import start to finish: streams the file, validates each row, stages valid rows
 * (COPY) and merges them chunk by chunk, records refused rows with their line numbers, and keeps
 * the counts on the import row current for the progress bar. Reading and checking the next chunk
 * in Node overlaps the database merging the previous ones, two at a time on two connections
 * (LANES). Chunks never share an address (a second sighting is held back as a candidate), so
 * side-by-side merges never write the same contact's keys.
 *
 * Memory: three chunks of COPY text at most, and ~32 bytes per address seen (SeenKeys) for
 * in-file duplicates; everything else waits in the staging table.
 * A re-run before completion (a retried job) starts over (errors cleared, counts recomputed); the
 * merge makes that idempotent. A re-run after completion (a step retried after its result was
 * lost) answers the recorded counts: the file is gone by then.
 */
export async function runImport(orgId: string, importId: string, tune: { trace?: ImportTrace; chunkRows?: number } = {}): Promise<ImportCounts> {
  const { trace, chunkRows = CHUNK_ROWS } = tune;
  let chunkLimit = Math.min(chunkRows, FIRST_CHUNK_ROWS);
  const [imp] = await db.select().from(imports).where(and(eq(imports.id, importId), eq(imports.orgId, orgId)));
  if (!imp) throw new AppError("NOT_FOUND", "Import not found.");
  if (!imp.options) throw new AppError("CONFLICT", "This import has not been started.");
  if (imp.status === "completed") {
    return { total: imp.totalRows ?? imp.processedRows, processed: imp.processedRows, created: imp.createdCount, updated: imp.updatedCount, skipped: imp.skippedCount, failed: imp.failedCount };
  }
  const [org] = await db.select({ defaultCountry: orgs.defaultCountry, plan: orgs.plan }).from(orgs).where(eq(orgs.id, orgId));
  const attributes = await db.select({ key: contactAttributes.key, type: contactAttributes.type }).from(contactAttributes).where(eq(contactAttributes.orgId, orgId));
  const opts: ImportOptions = imp.options;
  const extraTags = normalizeTags(opts.tags);

  const total = await estimateRows(imp.filePath);
  await db.delete(importErrors).where(and(eq(importErrors.importId, importId), eq(importErrors.orgId, orgId)));
  const counts: ImportCounts = { total, processed: 0, created: 0, updated: 0, skipped: 0, failed: 0 };
  await db
    .update(imports)
    .set({ status: "running", startedAt: new Date(), finishedAt: null, error: null, totalRows: total, processedRows: 0, createdCount: 0, updatedCount: 0, skippedCount: 0, failedCount: 0 })
    .where(and(eq(imports.id, importId), eq(imports.orgId, orgId)));

  const validate = rowValidator({
    mapping: imp.mapping as Record<string, MappingTarget>,
    columnCount: imp.headers.length,
    defaultCountry: org?.defaultCountry ?? null,
    attributes,
  });
  const seenEmails = new SeenKeys();
  const seenPhones = new SeenKeys();
  let candidates = 0;

  // The plan's contact limit: the import creates contacts up to it, then refuses new ones, per row.
  const capacity: Capacity = { remaining: await remainingContactCapacity(orgId) };
  const plan = getPlan(org?.plan ?? "hobby");
  const contactLimitReason = `contact limit reached (${plan.contacts.toLocaleString("en-US")} on ${plan.name}: upgrade to import more)`;
  let limitReached = false;

  const lanes = await openLanes(importId, LANES);
  const stage = lanes[0];
  for (const lane of lanes) await tuneSession(lane);
  // One report at a time, in the order merges finish: progress never steps back.
  let reporting: Promise<void> = Promise.resolve();
  const apply = (lane: Staging, r: Awaited<ReturnType<typeof mergeChunk>>, failed: Failed[], rows: number) =>
    (reporting = reporting.then(async () => {
      for (const p of r.phoneTaken) failed.push({ line: p.line, reason: REASONS.phoneTaken, raw: p.raw ?? [] });
      for (const p of r.overLimit) failed.push({ line: p.line, reason: contactLimitReason, raw: p.raw ?? [] });
      await timed(trace, "errors", () => writeErrors(lane.db, orgId, importId, failed));
      counts.processed += rows + failed.length - r.phoneTaken.length - r.overLimit.length;
      limitReached ||= r.overLimit.length > 0;
      counts.created += r.created;
      counts.updated += r.updated;
      counts.skipped += r.skipped;
      counts.failed += failed.length;
      counts.total = Math.max(counts.total, counts.processed);
      await progress(lane, orgId, importId, counts);
    }));
  const analyzed = new Set<Staging>();
  // The merge finds existing contacts by (org, e-mail) and (org, phone) probes. While an import
  // grows an org the statistics still think is empty, every index led by org_id looks equally
  // cheap to the planner, which takes the smallest (status, operator code) and filters the org's
  // every contact on each probe: quadratic, and measured at minutes for the second 100k-row chunk
  // of a new org. Fresh statistics once the org has at least doubled keep the probes on the
  // unique indexes: a few ANALYZEs per import (each a sample, not a scan; 1-2 s in all for 1M rows).
  let orgSizeAnalyzed = Math.max(0, plan.contacts - capacity.remaining);
  const createdBefore = counts.created;
  const refreshStatistics = async (lane: Staging) => {
    const grown = counts.created - createdBefore;
    if (grown < 10_000 || grown < orgSizeAnalyzed) return;
    orgSizeAnalyzed += grown;
    await timed(trace, "analyze", () => query(sql`ANALYZE contacts`, lane.db));
  };
  const flush = async (lane: Staging, buf: StageBuffer, first: number, next: number, failed: Failed[], held: number, limit: Capacity) => {
    const rows = buf.rows - held;
    await timed(trace, "copy", () => lane.load(buf));
    // Statistics once the first chunk is in: the planner otherwise guesses the temp table's size.
    if (!analyzed.has(lane)) {
      analyzed.add(lane);
      await lane.analyze();
    }
    const r = await timed(trace, "merge", () => mergeChunk(lane, orgId, opts, sql`st.line >= ${first} AND st.line < ${next} AND NOT st.cand`, limit));
    capacity.remaining = Math.max(0, capacity.remaining - r.created);
    await apply(lane, r, failed, rows);
    await refreshStatistics(lane);
  };

  const scheduler = mergeLanes(lanes, capacity, (ms) => {
    if (trace) trace.stall += ms;
  });
  const launch = (buf: StageBuffer, first: number, next: number, failed: Failed[], held: number) =>
    scheduler.launch(buf.rows - held, (lane, limit) => flush(lane, buf, first, next, failed, held, limit));

  try {
    let buf = stage.buffer();
    let failed: Failed[] = [];
    let held = 0;
    let first = 0;
    let header = true;
    const loopStart = performance.now();
    for await (const { line, fields } of readCsvFile(imp.filePath, imp.delimiter)) {
      if (header) {
        header = false;
        first = line + 1;
        continue;
      }
      if (fields.every((f) => f.trim() === "")) continue;
      const r = validate(line, fields);
      if (!r.ok) failed.push({ line, reason: r.reason, raw: fields });
      else {
        const row = r.row;
        if (extraTags.length) row.tags = normalizeTags([...row.tags, ...extraTags]);
        // A possible duplicate waits for resolveDuplicates; every other row is a first sighting.
        const cand = (row.email !== null && seenEmails.has(row.email)) || (row.phone !== null && seenPhones.has(row.phone));
        if (cand) {
          candidates++;
          held++;
        } else {
          if (row.email) seenEmails.add(row.email);
          if (row.phone) seenPhones.add(row.phone);
        }
        // Raw cells travel only with rows that may still be refused: candidates, and rows with a
        // phone (another contact may hold it). They wait in the staging table, not in memory.
        buf.add(row, cand, cand || row.phone !== null ? fields : null);
      }
      // Let I/O callbacks run now and then: the COPY of the previous chunk is fed from this
      // thread, and would otherwise only move when the parser waits for the file.
      if ((buf.rows + failed.length) % 2000 === 0) await new Promise((r) => setImmediate(r));
      if (buf.rows + failed.length >= chunkLimit) {
        await launch(buf, first, line + 1, failed, held);
        chunkLimit = chunkRows;
        buf = stage.buffer();
        failed = [];
        held = 0;
        first = line + 1;
      }
    }
    if (trace) trace.read = performance.now() - loopStart - trace.stall;
    await launch(buf, first, 2 ** 31 - 1, failed, held);
    await scheduler.drain();
    await reporting;
    if (candidates) {
      // Duplicates are checked against the whole file: every lane's rows in one table.
      await stage.absorb(lanes.slice(1));
      await stage.analyze();
      const dups = await timed(trace, "duplicates", () => resolveDuplicates(stage, orgId, importId));
      counts.failed += dups;
      counts.processed += dups;
      // Candidates that were not duplicates after all (hash collisions) go in now.
      const r = await mergeChunk(stage, orgId, opts, sql`st.cand`, capacity);
      await apply(stage, r, [], candidates - dups);
    }
    await timed(trace, "settle", () => settleSearchIndex(stage));
  } finally {
    // A failed run leaves no merge behind on a connection about to close.
    await Promise.allSettled([scheduler.settle(), reporting]);
    await Promise.all(lanes.map((lane) => lane.close()));
  }

  counts.total = counts.processed;
  await db
    .update(imports)
    .set({
      status: "completed",
      finishedAt: new Date(),
      // Completed, with the reason it stopped adding: shown beside the result.
      error: limitReached ? `Stopped adding contacts at your ${plan.name} plan's limit of ${plan.contacts.toLocaleString("en-US")}. Upgrade to import the rest.` : null,
      ...countColumns(counts),
    })
    .where(and(eq(imports.id, importId), eq(imports.orgId, orgId)));
  await discardImportFile(imp.filePath);
  return counts;
}

/**
 * The trigram search index (contacts_search_idx) is most of the cost of writing a contact. On
 * the import's own session, GIN inserts go to the index's pending list, which is merged into the
 * index in large sorted batches (64 MB of entries, sorted in work_mem) instead of a few MB at a
 * time. Both are session settings: the index keeps its defaults for everyone else.
 */
async function tuneSession(stage: Staging) {
  if (dbKind() !== "postgres") return;
  await query(sql`SET gin_pending_list_limit = '64MB'`, stage.db);
  await query(sql`SET work_mem = '256MB'`, stage.db);
  await query(sql`SET maintenance_work_mem = '256MB'`, stage.db);
}

/** Searches read the pending list in full: leave it empty for them, not up to 64 MB. */
async function settleSearchIndex(stage: Staging) {
  if (dbKind() !== "postgres") return;
  await query(sql`SELECT gin_clean_pending_list(${"contacts_search_idx"}::regclass)`, stage.db);
}

const countColumns = (c: ImportCounts) => ({
  totalRows: c.total,
  processedRows: c.processed,
  createdCount: c.created,
  updatedCount: c.updated,
  skippedCount: c.skipped,
  failedCount: c.failed,
});

async function progress(stage: Staging, orgId: string, importId: string, c: ImportCounts) {
  await stage.db.update(imports).set(countColumns(c)).where(and(eq(imports.id, importId), eq(imports.orgId, orgId)));
}

/** A whole-run failure (unreadable file, broken quoting, database down): shown on the import page. */
export async function markImportFailed(orgId: string, importId: string, message: string) {
  const [row] = await db
    .update(imports)
    .set({ status: "failed", error: message.slice(0, 500), finishedAt: new Date() })
    .where(and(eq(imports.id, importId), eq(imports.orgId, orgId)))
    .returning({ filePath: imports.filePath });
  if (row) await discardImportFile(row.filePath);
}
