import { and, eq } from "drizzle-orm";
import { db, type Db } from "@/db";
import { contactAttributes, importErrors, imports, orgs, type ImportOptions } from "@/db/schema";
import { normalizeTags } from "@/lib/audience/normalize";
import { AppError } from "@/lib/errors";
import type { MappingTarget } from "./column-mapping";
import { mergeChunk } from "./merge-chunk";
import { estimateRows, readCsvFile } from "./read-csv";
import { openStaging, type Staging } from "./staging";
import { REASONS, rowValidator, type StageRow } from "./validate-row";

export type ImportCounts = { total: number; processed: number; created: number; updated: number; skipped: number; failed: number };
type Failed = { line: number; reason: string; raw: string[] };

const CHUNK_ROWS = 25_000;

async function writeErrors(on: Db, orgId: string, importId: string, failed: Failed[]) {
  for (let i = 0; i < failed.length; i += 1000) {
    await on.insert(importErrors).values(failed.slice(i, i + 1000).map((f) => ({ importId, orgId, ...f })));
  }
}

/**
 * Runs a queued import start to finish: streams the file, validates each row, stages valid rows
 * and merges them chunk by chunk, records refused rows with their line numbers, and keeps the
 * counts on the import row current for the progress bar. Parsing the next chunk overlaps the
 * database writing the previous one. Memory holds one chunk plus the keys seen (for duplicates).
 * A re-run starts over (errors cleared, counts recomputed); the merge makes that idempotent.
 */
export async function runImport(orgId: string, importId: string): Promise<ImportCounts> {
  const [imp] = await db.select().from(imports).where(and(eq(imports.id, importId), eq(imports.orgId, orgId)));
  if (!imp) throw new AppError("NOT_FOUND", "Import not found.");
  if (!imp.options) throw new AppError("CONFLICT", "This import has not been started.");
  const [org] = await db.select({ defaultCountry: orgs.defaultCountry }).from(orgs).where(eq(orgs.id, orgId));
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
  const seenEmails = new Set<string>();
  const seenPhones = new Set<string>();

  const stage = await openStaging(importId);
  const flush = async (rows: StageRow[], failed: Failed[], raws: Map<number, string[]>) => {
    await stage.clear();
    await stage.load(rows);
    const r = await mergeChunk(stage, orgId, opts, rows.length);
    for (const line of r.phoneTaken) failed.push({ line, reason: REASONS.phoneTaken, raw: raws.get(line) ?? [] });
    await writeErrors(stage.db, orgId, importId, failed);
    counts.processed += rows.length + failed.length - r.phoneTaken.length;
    counts.created += r.created;
    counts.updated += r.updated;
    counts.skipped += r.skipped;
    counts.failed += failed.length;
    counts.total = Math.max(counts.total, counts.processed);
    await progress(stage, orgId, importId, counts);
  };

  try {
    let rows: StageRow[] = [];
    let failed: Failed[] = [];
    let raws = new Map<number, string[]>();
    let pending: Promise<void> = Promise.resolve();
    let header = true;
    for await (const { line, fields } of readCsvFile(imp.filePath, imp.delimiter)) {
      if (header) {
        header = false;
        continue;
      }
      if (fields.every((f) => f.trim() === "")) continue;
      const r = validate(line, fields);
      if (!r.ok) failed.push({ line, reason: r.reason, raw: fields });
      else if ((r.row.email && seenEmails.has(r.row.email)) || (r.row.phone && seenPhones.has(r.row.phone))) {
        failed.push({ line, reason: REASONS.duplicate, raw: fields });
      } else {
        if (r.row.email) seenEmails.add(r.row.email);
        if (r.row.phone) seenPhones.add(r.row.phone);
        if (extraTags.length) r.row.tags = normalizeTags([...r.row.tags, ...extraTags]);
        rows.push(r.row);
        // Kept only for rows the merge may still refuse (a phone held by another contact).
        if (r.row.phone) raws.set(line, fields);
      }
      if (rows.length + failed.length >= CHUNK_ROWS) {
        await pending;
        pending = flush(rows, failed, raws);
        pending.catch(() => {});
        rows = [];
        failed = [];
        raws = new Map();
      }
    }
    await pending;
    await flush(rows, failed, raws);
  } finally {
    await stage.close();
  }

  counts.total = counts.processed;
  await db
    .update(imports)
    .set({ status: "completed", finishedAt: new Date(), ...countColumns(counts) })
    .where(and(eq(imports.id, importId), eq(imports.orgId, orgId)));
  return counts;
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
  await db
    .update(imports)
    .set({ status: "failed", error: message.slice(0, 500), finishedAt: new Date() })
    .where(and(eq(imports.id, importId), eq(imports.orgId, orgId)));
}
