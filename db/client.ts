import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { dataDir, env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type Handle = { db: Db; kind: "postgres" | "pglite"; ready: Promise<void>; close: () => Promise<void> };

// One handle per process, kept on globalThis: Next bundles instrumentation and routes as separate
// module graphs, and two PGlite instances on one data directory would corrupt it.
const g = globalThis as unknown as { __heraldDb?: Handle };

function migrationsFolder() {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations");
}

function open(): Handle {
  const url = env().DATABASE_URL;
  if (url) {
    const client = postgres(url, { max: Number(process.env.DATABASE_POOL_MAX ?? 10), onnotice: () => {} });
    const db = drizzlePostgres({ client, schema, casing: "snake_case" });
    return {
      db: db as unknown as Db,
      kind: "postgres",
      ready: migratePostgres(db, { migrationsFolder: migrationsFolder() }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  // Tests get a fresh in-memory database per file; everything else keeps its data in `.data/`.
  let client: PGlite;
  if (env().NODE_ENV === "test") {
    client = new PGlite({ extensions: { pg_trgm } });
  } else {
    const dir = path.join(dataDir(), "pglite");
    fs.mkdirSync(dir, { recursive: true });
    // pg_trgm backs contact search; Postgres servers ship it as a trusted extension.
    client = new PGlite(dir, { extensions: { pg_trgm } });
  }
  const db = drizzlePglite({ client, schema, casing: "snake_case" });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    ready: migratePglite(db, { migrationsFolder: migrationsFolder() }),
    close: () => client.close(),
  };
}

export function handle(): Handle {
  if (!g.__heraldDb) {
    g.__heraldDb = open();
    // Callers await `ready`; this keeps a failed migration from also crashing as "unhandled".
    g.__heraldDb.ready.catch(() => {});
  }
  return g.__heraldDb;
}

export async function closeDb() {
  const h = g.__heraldDb;
  g.__heraldDb = undefined;
  if (h) await h.close();
}
