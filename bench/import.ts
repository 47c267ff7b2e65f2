import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { db, ensureDb } from "@/db";
import { imports, orgs, users } from "@/db/schema";
import { runImport, type ImportTrace } from "@/lib/audience/imports/run-import";
import { uploadImport } from "@/lib/audience/imports/upload-import";
import { env } from "@/lib/env";
import { createOrg } from "@/lib/orgs/create-org";

export type BenchResult = { name: string; ms: number; rows?: number; baseline?: number; note?: string };

const TIMEZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "", ""];

/** A contact file like a real export: e-mail, names, a phone on one row in five, tags, timezone. */
async function generateCsv(file: string, rows: number) {
  const out = fs.createWriteStream(file);
  out.write("Email Address,First Name,Last Name,Phone Number,TAGS,Timezone\n");
  let buf = "";
  for (let i = 0; i < rows; i++) {
    const phone = i % 5 === 0 ? `+4915${String(10_000_000 + i).padStart(9, "0")}` : "";
    buf += `user${i}@example.com,First${i % 997},"Last, ${i % 991}",${phone},${i % 3 ? "bench" : "bench;vip"},${TIMEZONES[i % 5]}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once("drain", () => r()));
      buf = "";
    }
  }
  out.end(buf);
  await new Promise<void>((r) => out.once("finish", () => r()));
}

/** Peak RSS of this Node process, sampled every 100 ms (the Postgres backend is another process). */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/**
 * CPU seconds the whole machine spent (Node, every Postgres process, the kernel) while `run` ran,
 * from /proc/stat. A run that keeps every core busy cannot go faster by overlapping more; its
 * CPU time per row is then what bounds rows/s. Null where /proc is missing.
 */
async function withMachineCpu<T>(run: () => Promise<T>): Promise<{ value: T; cpuSeconds: number | null }> {
  const busy = () => {
    try {
      // cpu  user nice system idle iowait irq softirq steal ...  (USER_HZ, 100 per second on Linux)
      const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
      return (f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0)) / 100;
    } catch {
      return null;
    }
  };
  const before = busy();
  const value = await run();
  const after = busy();
  return { value, cpuSeconds: before === null || after === null ? null : after - before };
}

/** "58 CPU-s: 2 cores cannot exceed 34,000 rows/s at this cost per row". */
function cpuNote(cpuSeconds: number | null, rows: number) {
  if (cpuSeconds === null) return "";
  const cores = os.cpus().length;
  const ceiling = Math.round(rows / (cpuSeconds / cores));
  return `machine CPU ${cpuSeconds.toFixed(1)} s (${((cpuSeconds / rows) * 1e6).toFixed(0)} µs per row): ${cores} cores cannot exceed ${ceiling.toLocaleString("en-US")} rows/s at this cost`;
}

const connect = () => postgres(env().DATABASE_URL!, { max: 1, onnotice: () => {} });

/** Baseline 1: the same file through COPY (CSV format) into a bare table, no parsing in Node. */
async function rawCopy(file: string): Promise<number> {
  const sql = connect();
  try {
    await sql`DROP TABLE IF EXISTS bench_raw_copy`;
    await sql`CREATE TABLE bench_raw_copy (email text, first_name text, last_name text, phone text, tags text, timezone text)`;
    const t0 = performance.now();
    const writable = await sql`COPY bench_raw_copy FROM STDIN (FORMAT csv, HEADER true)`.writable();
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), writable);
    const ms = performance.now() - t0;
    await sql`DROP TABLE bench_raw_copy`;
    return ms;
  } finally {
    await sql.end();
  }
}

/**
 * Baseline 2, the database's own floor for this schema: the same file through COPY into a table
 * shaped like contacts carrying every index contacts has (read from pg_indexes, so it follows
 * the schema) and its foreign key to orgs, with the import's session settings and its final pending-list cleanup. Tags stay
 * text here (COPY cannot split "a;b"), so their GIN index is built on string_to_array(tags, ';').
 * `withoutSearch` leaves out the trigram search index: what the floor would be without it.
 */
async function indexedCopy(file: string, orgId: string, withoutSearch = false): Promise<number> {
  if (!/^org_[0-9a-z]+$/.test(orgId)) throw new Error("bad org id");
  const sql = connect();
  try {
    await sql`DROP TABLE IF EXISTS bench_indexed_copy`;
    await sql.unsafe(`CREATE TABLE bench_indexed_copy (
      id bigint GENERATED ALWAYS AS IDENTITY, org_id text NOT NULL DEFAULT '${orgId}' REFERENCES orgs (id),
      email text, first_name text, last_name text, phone text, tags text, timezone text, operator_code text,
      status contact_status NOT NULL DEFAULT 'subscribed', created_at timestamptz NOT NULL DEFAULT now())`);
    const defs = await sql<{ indexdef: string }[]>`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'contacts'`;
    for (const { indexdef } of defs) {
      if (withoutSearch && indexdef.includes("gin_trgm_ops")) continue;
      const def = indexdef
        .replace(/^CREATE (UNIQUE )?INDEX \S+ ON public\.contacts /, "CREATE $1INDEX ON bench_indexed_copy ")
        .replace(/USING gin \(tags\)/, "USING gin ((string_to_array(tags, ';')))");
      await sql.unsafe(def);
    }
    await sql`SET gin_pending_list_limit = '64MB'`;
    await sql`SET work_mem = '256MB'`;
    await sql`SET maintenance_work_mem = '256MB'`;
    const t0 = performance.now();
    const writable = await sql`COPY bench_indexed_copy (email, first_name, last_name, phone, tags, timezone) FROM STDIN (FORMAT csv, HEADER true)`.writable();
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), writable);
    await sql`SELECT gin_clean_pending_list(indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
              JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = 'bench_indexed_copy'::regclass AND a.amname = 'gin'`;
    const ms = performance.now() - t0;
    await sql`DROP TABLE bench_indexed_copy`;
    return ms;
  } finally {
    await sql.end();
  }
}

export async function benchImport({ rows }: { rows: number }): Promise<BenchResult[]> {
  await ensureDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-bench-"));
  const file = path.join(dir, "contacts.csv");
  console.log(`[bench:import] generating ${rows.toLocaleString("en-US")} rows…`);
  await generateCsv(file, rows);
  const size = fs.statSync(file).size;

  // Each run deletes its million contacts at the end; without a vacuum the next run would insert
  // into, and ANALYZE would sample, a table and indexes bloated by every earlier run.
  const maintenance = connect();
  await maintenance`VACUUM contacts`;
  await maintenance.end();
  const [user] = await db.insert(users).values({ email: `bench-${Date.now()}@example.test`, name: "Bench" }).returning();
  const org = await createOrg(user.id, { name: `Bench ${Date.now()}` });
  // Premium holds 1,000,000 contacts; Hobby would refuse every row past its 500.
  await db.update(orgs).set({ plan: "premium" }).where(eq(orgs.id, org.id));
  console.log("[bench:import] baseline: COPY into a bare table…");
  const copyMs = await rawCopy(file);
  console.log("[bench:import] baseline: COPY into a table with the contacts indexes…");
  const indexed = await withMachineCpu(() => indexedCopy(file, org.id));
  const indexedMs = indexed.value;
  console.log("[bench:import] baseline: the same without the trigram search index…");
  const unsearched = await withMachineCpu(() => indexedCopy(file, org.id, true));

  const actor = { userId: user.id, orgId: org.id, role: "owner" as const };
  const imp = await uploadImport(actor, { fileName: "bench.csv", body: fs.createReadStream(file, { highWaterMark: 1 << 20 }) });
  await db
    .update(imports)
    .set({
      status: "queued",
      mapping: { "0": "email", "1": "first_name", "2": "last_name", "3": "phone", "4": "tags", "5": "timezone" },
      options: { listIds: [], tags: ["imported"], updateExisting: true, status: "subscribed", consentSource: "Benchmark" },
    })
    .where(eq(imports.id, imp.id));

  console.log("[bench:import] full import (parse, validate, stage, merge)…");
  const rssBefore = process.memoryUsage().rss;
  const rss = rssSampler();
  const t0 = performance.now();
  const trace: ImportTrace = { read: 0, stall: 0, copy: 0, merge: 0, analyze: 0, errors: 0, duplicates: 0, settle: 0 };
  const { value: counts, cpuSeconds: importCpu } = await withMachineCpu(() => runImport(org.id, imp.id, { trace }));
  const importMs = performance.now() - t0;
  const peak = rss.stop();
  if (counts.created !== rows) throw new Error(`expected ${rows} created, got ${JSON.stringify(counts)}`);

  await db.delete(orgs).where(eq(orgs.id, org.id));
  fs.rmSync(imp.filePath, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const phases = Object.entries(trace)
    .filter(([, ms]) => ms >= 1)
    .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
    .join(", ");
  console.log(`[bench:import] phases: ${phases}`);
  const pct = (ms: number) => `${((importMs / ms) * 100 - 100).toFixed(0)}% slower`;
  return [
    { name: "baseline 1: COPY of the file into a bare table", ms: copyMs, rows, note: `${mb(size)} file` },
    {
      name: "baseline 2: COPY of the file into a table with the contacts indexes",
      ms: indexedMs,
      rows,
      baseline: copyMs,
      note: `the database's floor for this schema; ${cpuNote(indexed.cpuSeconds, rows)}`,
    },
    {
      name: "baseline 3: as baseline 2 without the trigram search index",
      ms: unsearched.value,
      rows,
      baseline: copyMs,
      note: `what substring search costs an import; ${cpuNote(unsearched.cpuSeconds, rows)}`,
    },
    {
      name: "full import (end to end)",
      ms: importMs,
      rows,
      baseline: copyMs,
      note: `${(importMs / indexedMs).toFixed(2)}x baseline 2 (${pct(indexedMs)}); peak RSS ${mb(peak)} of the Node process, ${mb(rssBefore)} before the import (target < 300 MB; the Postgres backends are separate processes); ${cpuNote(importCpu, rows)}; phases (merge and copy summed over both connections): ${phases}`,
    },
  ];
}
