import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { db, dbKind, query, sql, type Db } from "@/db";
import { env } from "@/lib/env";
import type { StageRow } from "./validate-row";

/**
 * Where an import's valid rows wait before the merge: a temp table on a connection the import
 * holds for its whole run. On Postgres it is a dedicated postgres.js connection (temp tables are
 * per session, and COPY needs the raw client); rows go in with COPY. On PGlite (one connection)
 * they go in as multi-row INSERTs of 1,000.
 */
export type Staging = {
  db: Db;
  table: ReturnType<typeof sql.raw>;
  load(rows: StageRow[]): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
};

const COLUMNS = "line, email, phone, first_name, last_name, timezone, tags, attributes, operator_code, notify_from, notify_to";

// COPY text format: backslash, tab, newline and carriage return are escaped; \N is NULL.
const copyText = (v: string | null) =>
  v === null ? "\\N" : v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));

// Tags are normalised without commas (normalizeTags splits on them), so a comma list is exact.
const tagText = (tags: string[]) => tags.join(",");

function copyLine(r: StageRow): string {
  return [
    String(r.line),
    copyText(r.email),
    copyText(r.phone),
    copyText(r.firstName),
    copyText(r.lastName),
    copyText(r.timezone),
    copyText(tagText(r.tags)),
    copyText(JSON.stringify(r.attributes)),
    copyText(r.operatorCode),
    copyText(r.notifyFrom),
    copyText(r.notifyTo),
  ].join("\t");
}

export async function openStaging(importId: string): Promise<Staging> {
  if (!/^imp_[0-9a-z]+$/.test(importId)) throw new Error("bad import id");
  const name = `import_stage_${importId.slice(4)}`;
  const table = sql.raw(name);
  const ddl = sql`CREATE TEMP TABLE IF NOT EXISTS ${table} (
    line integer NOT NULL, email text, phone text, first_name text, last_name text, timezone text,
    tags text, attributes jsonb, operator_code text, notify_from time, notify_to time)`;

  const url = env().DATABASE_URL;
  if (dbKind() === "postgres" && url) {
    const client = postgres(url, { max: 1, onnotice: () => {} });
    const own = drizzle({ client, casing: "snake_case" }) as unknown as Db;
    await query(ddl, own);
    return {
      db: own,
      table,
      async load(rows) {
        if (!rows.length) return;
        const writable = await client.unsafe(`COPY ${name} (${COLUMNS}) FROM STDIN`).writable();
        const text = rows.map(copyLine).join("\n") + "\n";
        await new Promise<void>((resolve, reject) => {
          writable.on("error", reject);
          writable.on("finish", resolve);
          writable.end(text);
        });
      },
      clear: () => query(sql`TRUNCATE ${table}`, own).then(() => undefined),
      close: () => client.end({ timeout: 5 }),
    };
  }

  await query(ddl);
  return {
    db,
    table,
    async load(rows) {
      for (let i = 0; i < rows.length; i += 1000) {
        const values = rows.slice(i, i + 1000).map(
          (r) =>
            sql`(${r.line}, ${r.email}, ${r.phone}, ${r.firstName}, ${r.lastName}, ${r.timezone}, ${tagText(r.tags)}, ${JSON.stringify(r.attributes)}::jsonb, ${r.operatorCode}, ${r.notifyFrom}::time, ${r.notifyTo}::time)`,
        );
        await query(sql`INSERT INTO ${table} (${sql.raw(COLUMNS)}) VALUES ${sql.join(values, sql`, `)}`);
      }
    },
    clear: () => query(sql`DELETE FROM ${table}`).then(() => undefined),
    close: () => query(sql`DROP TABLE IF EXISTS ${table}`).then(() => undefined),
  };
}
