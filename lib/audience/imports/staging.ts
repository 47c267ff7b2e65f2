import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { db, dbKind, query, sql, type Db } from "@/db";
import { env } from "@/lib/env";
import type { StageRow } from "./validate-row";

/**
 * Where an import's valid rows wait for the merge: a temp table on a connection the import holds
 * for its whole run. On Postgres it is a dedicated postgres.js connection (temp tables are per
 * session, and COPY needs the raw client) and rows go in with COPY; on PGlite (one connection) as
 * multi-row INSERTs of 1,000.
 *
 * The table keeps every staged row of the run (merged chunk by chunk through the index on
 * `line`), so the rare duplicate candidates can be checked against the whole file at the end.
 * An import may stage on several connections at once (openLanes), each with its own temp table;
 * `absorb` then copies the others' rows into one before that check.
 * `cand` marks those candidates; `raw` (the original cells, for the failed-rows download) is set
 * only for rows the merge may still refuse. Rows are turned into COPY text as they are read: a string per row weighs
 * a fraction of the parsed object.
 */
export type StageBuffer = { rows: number; add(row: StageRow, cand: boolean, raw: string[] | null): void };

export type Staging = {
  db: Db;
  table: ReturnType<typeof sql.raw>;
  buffer(): StageBuffer;
  load(buf: StageBuffer): Promise<void>;
  analyze(): Promise<void>;
  /** Copies every row staged on `others` into this staging's table. */
  absorb(others: Staging[]): Promise<void>;
  close(): Promise<void>;
};

const dumps = new WeakMap<Staging, () => Promise<Readable>>();

const COLUMNS = "line, cand, email, phone, first_name, last_name, timezone, tags, attributes, operator_code, notify_from, notify_to, raw";

// COPY text format: backslash, tab, newline and carriage return are escaped; \N is NULL.
const copyText = (v: string | null) =>
  v === null ? "\\N" : /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : v;

// Tags are normalised without commas (normalizeTags splits on them), so a comma list is exact.
const tagText = (tags: string[]) => tags.join(",");
const attrText = (a: Record<string, unknown>) => {
  for (const _ in a) return JSON.stringify(a);
  return "{}";
};

function copyLine(r: StageRow, cand: boolean, raw: string[] | null): string {
  return `${r.line}\t${cand ? "t" : "f"}\t${copyText(r.email)}\t${copyText(r.phone)}\t${copyText(r.firstName)}\t${copyText(r.lastName)}\t${copyText(r.timezone)}\t${copyText(tagText(r.tags))}\t${copyText(attrText(r.attributes))}\t${copyText(r.operatorCode)}\t${copyText(r.notifyFrom)}\t${copyText(r.notifyTo)}\t${raw ? copyText(JSON.stringify(raw)) : "\\N"}\n`;
}

export async function openStaging(importId: string): Promise<Staging> {
  if (!/^imp_[0-9a-z]+$/.test(importId)) throw new Error("bad import id");
  const name = `import_stage_${importId.slice(4)}`;
  const table = sql.raw(name);
  const statements = [
    sql`CREATE TEMP TABLE IF NOT EXISTS ${table} (
      line integer NOT NULL, cand boolean NOT NULL, refused boolean NOT NULL DEFAULT false,
      email text, phone text, first_name text, last_name text, timezone text,
      tags text, attributes jsonb, operator_code text, notify_from time, notify_to time, raw jsonb)`,
    // Lines only grow, so this index is appended to, never reshuffled.
    sql`CREATE INDEX IF NOT EXISTS ${sql.raw(`${name}_line`)} ON ${table} (line)`,
  ];

  const url = env().DATABASE_URL;
  if (dbKind() === "postgres" && url) {
    // temp_buffers must be set before the session first touches a temp table; a million staged
    // rows (~150 MB) then stay mostly in the backend's memory instead of going through the kernel.
    const client = postgres(url, { max: 1, onnotice: () => {}, connection: { temp_buffers: "128MB" } });
    const own = drizzle({ client, casing: "snake_case" }) as unknown as Db;
    for (const s of statements) await query(s, own);
    const staging: Staging = {
      db: own,
      table,
      buffer() {
        // Each row's COPY line is a rope of a dozen small strings; packed into a flat Buffer
        // every 1,000 rows, a chunk weighs its bytes (~150 per row) instead of ~1 KB per row.
        let pending: string[] = [];
        const parts: Buffer[] = [];
        let rows = 0;
        return {
          get rows() {
            return rows;
          },
          add(row, cand, raw) {
            pending.push(copyLine(row, cand, raw));
            rows++;
            if (pending.length === 1000) {
              parts.push(Buffer.from(pending.join("")));
              pending = [];
            }
          },
          parts: () => {
            if (pending.length) parts.push(Buffer.from(pending.join("")));
            pending = [];
            return parts;
          },
        } as StageBuffer & { parts(): Buffer[] };
      },
      async load(buf) {
        const parts = (buf as StageBuffer & { parts(): Buffer[] }).parts();
        if (!parts.length) return;
        const writable = await client.unsafe(`COPY ${name} (${COLUMNS}) FROM STDIN`).writable();
        await new Promise<void>((resolve, reject) => {
          writable.on("error", reject);
          writable.on("finish", resolve);
          let i = 0;
          const pump = () => {
            while (i < parts.length) if (!writable.write(parts[i++])) return void writable.once("drain", pump);
            writable.end();
          };
          pump();
        });
        parts.length = 0;
      },
      analyze: () => query(sql`ANALYZE ${table}`, own).then(() => undefined),
      async absorb(others) {
        for (const other of others) {
          const dump = dumps.get(other);
          if (!dump) throw new Error("not a Postgres staging");
          // Same columns in the same order on both sides: COPY's text format passes through.
          await pipeline(await dump(), await client.unsafe(`COPY ${name} FROM STDIN`).writable());
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
    dumps.set(staging, () => client.unsafe(`COPY ${name} TO STDOUT`).readable());
    return staging;
  }

  for (const s of statements) await query(s);
  return {
    db,
    table,
    buffer() {
      const rows: { r: StageRow; cand: boolean; raw: string[] | null }[] = [];
      return {
        get rows() {
          return rows.length;
        },
        add: (r, cand, raw) => void rows.push({ r, cand, raw }),
        items: rows,
      } as StageBuffer & { items: typeof rows };
    },
    async load(buf) {
      const rows = (buf as StageBuffer & { items: { r: StageRow; cand: boolean; raw: string[] | null }[] }).items;
      for (let i = 0; i < rows.length; i += 1000) {
        const values = rows.slice(i, i + 1000).map(
          ({ r, cand, raw }) =>
            sql`(${r.line}, ${cand}, ${r.email}, ${r.phone}, ${r.firstName}, ${r.lastName}, ${r.timezone}, ${tagText(r.tags)}, ${JSON.stringify(r.attributes)}::jsonb, ${r.operatorCode}, ${r.notifyFrom}::time, ${r.notifyTo}::time, ${raw ? JSON.stringify(raw) : null}::jsonb)`,
        );
        await query(sql`INSERT INTO ${table} (${sql.raw(COLUMNS)}) VALUES ${sql.join(values, sql`, `)}`);
      }
    },
    analyze: () => query(sql`ANALYZE ${table}`).then(() => undefined),
    async absorb(others) {
      if (others.length) throw new Error("PGlite stages on one connection");
    },
    close: () => query(sql`DROP TABLE IF EXISTS ${table}`).then(() => undefined),
  };
}

/**
 * Stagings for an import that merges on `lanes` connections at once (each merge statement runs on
 * one core; contacts' index upkeep is most of an import's time). PGlite has one connection: one lane.
 */
export async function openLanes(importId: string, lanes: number): Promise<Staging[]> {
  const n = dbKind() === "postgres" && env().DATABASE_URL ? lanes : 1;
  const out: Staging[] = [];
  try {
    for (let i = 0; i < n; i++) out.push(await openStaging(importId));
  } catch (e) {
    await Promise.all(out.map((s) => s.close()));
    throw e;
  }
  return out;
}
