import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { db, ensureDb } from "@/db";
import { imports, orgs, users } from "@/db/schema";
import { runImport } from "@/lib/audience/imports/run-import";
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

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** Baseline: the same file through COPY (CSV format) into a bare table, no parsing in Node. */
async function rawCopy(file: string): Promise<number> {
  const sql = postgres(env().DATABASE_URL!, { max: 1, onnotice: () => {} });
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

export async function benchImport({ rows }: { rows: number }): Promise<BenchResult[]> {
  await ensureDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-bench-"));
  const file = path.join(dir, "contacts.csv");
  console.log(`[bench:import] generating ${rows.toLocaleString("en-US")} rows…`);
  await generateCsv(file, rows);
  const size = fs.statSync(file).size;

  console.log("[bench:import] baseline COPY…");
  const copyMs = await rawCopy(file);

  const [user] = await db.insert(users).values({ email: `bench-${Date.now()}@example.test`, name: "Bench" }).returning();
  const org = await createOrg(user.id, { name: `Bench ${Date.now()}` });
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
  const rss = rssSampler();
  const t0 = performance.now();
  const counts = await runImport(org.id, imp.id);
  const importMs = performance.now() - t0;
  const peak = rss.stop();
  if (counts.created !== rows) throw new Error(`expected ${rows} created, got ${JSON.stringify(counts)}`);

  await db.delete(orgs).where(eq(orgs.id, org.id));
  fs.rmSync(imp.filePath, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  return [
    { name: "import: raw COPY of the file (baseline)", ms: copyMs, rows, note: `${mb(size)} file` },
    {
      name: "import: full import (end to end)",
      ms: importMs,
      rows,
      baseline: copyMs,
      note: `peak RSS ${mb(peak)} (target < 300 MB); ${(importMs / copyMs).toFixed(2)}x COPY (target <= 2x)`,
    },
  ];
}
