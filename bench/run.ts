import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb } from "@/db";

/**
 * `npm run bench -- <scenario...>`: runs benchmark scenarios against real Postgres, prints a
 * table, and refreshes that scenario's section of docs/PERFORMANCE.md.
 */
type Result = { name: string; ms: number; rows?: number; baseline?: number; note?: string };
type Scenario = { targets: string; run: (opts: { rows: number }) => Promise<Result[]> };

const rowsFromEnv = () => Number(process.env.BENCH_ROWS ?? 1_000_000);

const SCENARIOS: Record<string, () => Promise<Scenario | null>> = {
  import: async () => ({
    targets: "At least 100,000 rows/s end to end; within 2x of a raw COPY of the same file; peak RSS under 300 MB.",
    run: (await import("./import")).benchImport,
  }),
  contacts: async () => {
    const file = path.join(__dirname, "contacts.ts");
    if (!fs.existsSync(file)) return null;
    const mod = (await import(file)) as { benchContacts: Scenario["run"] };
    return { targets: "Contacts page of 50, search, and a segment count on 1,000,000 contacts: each under 200 ms.", run: mod.benchContacts };
  },
  tracking: async () => ({
    targets:
      "Open pixel and click redirect under wrk on loopback (50 connections), every hit committed before its answer: at least 35% of the requests/s of a bare Node server answering the same GIF, p99 under 25 ms. (rows/s below = requests/s.)",
    run: (await import("./tracking")).benchTracking,
  }),
  campaign: async () => ({
    targets:
      "Launch to 1,000,000 contacts within 1.5x of a bare INSERT ... SELECT of the same rows; dispatch at least 5,000 messages/s through the SendGrid adapter and 1,000/s through SMTP, peak RSS of the dispatching process under 300 MB.",
    run: (await import("./campaign")).benchCampaign,
  }),
};

function table(results: Result[]): string {
  const lines = ["| measurement | time | rows/s | vs baseline | note |", "|---|---:|---:|---:|---|"];
  for (const r of results) {
    const rate = r.rows ? Math.round(r.rows / (r.ms / 1000)).toLocaleString("en-US") : "";
    const ratio = r.baseline ? `${(r.ms / r.baseline).toFixed(2)}x (${r.baseline.toFixed(0)} ms)` : "";
    lines.push(`| ${r.name} | ${r.ms.toFixed(1)} ms | ${rate} | ${ratio} | ${r.note ?? ""} |`);
  }
  return lines.join("\n");
}

function writeDoc(name: string, targets: string, results: Result[], rows: number) {
  const doc = path.join(process.cwd(), "docs/PERFORMANCE.md");
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`;
  const section = [
    start,
    `## ${name}`,
    "",
    `Target: ${targets}`,
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with ${rows.toLocaleString("en-US")} rows on ${machine}.`,
    "",
    table(results),
    end,
  ].join("\n");
  let text = fs.existsSync(doc)
    ? fs.readFileSync(doc, "utf8")
    : "# Performance\n\nFigures from `npm run bench -- <scenario>` against Postgres (set `DATABASE_URL`). Absolute speeds vary up to 2x between identical runs on shared machines; compare the ratios measured in the same run.\n";
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
  fs.mkdirSync(path.dirname(doc), { recursive: true });
  fs.writeFileSync(doc, text);
}

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error("The benchmarks need Postgres. Set DATABASE_URL, for example:\n  createdb -h 127.0.0.1 -U postgres herald_bench\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/herald_bench npm run bench -- import");
    process.exit(1);
  }
  const names = process.argv.slice(2).filter((a) => a !== "--");
  if (!names.length) names.push(...Object.keys(SCENARIOS));
  const rows = rowsFromEnv();
  for (const name of names) {
    const load = SCENARIOS[name];
    if (!load) {
      console.error(`Unknown scenario "${name}". Scenarios: ${Object.keys(SCENARIOS).join(", ")}.`);
      process.exitCode = 1;
      continue;
    }
    const scenario = await load();
    if (!scenario) {
      console.log(`[bench] skipping "${name}": bench/${name}.ts is not there yet.`);
      continue;
    }
    const results = await scenario.run({ rows });
    console.log(`\n${name}\n${table(results)}\n`);
    writeDoc(name, scenario.targets, results, rows);
  }
  await closeDb();
}

main().catch(async (e) => {
  console.error(e);
  await closeDb().catch(() => {});
  process.exit(1);
});
