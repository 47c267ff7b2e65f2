import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string | undefined;
  }
}

/**
 * With DATABASE_URL (CI, or a developer's Postgres) the suite runs on a fresh database it
 * creates for this run: `<name>_vitest`. Migrations are applied once here, before the workers
 * start, so no two workers race to create the schema. Without DATABASE_URL every test file gets
 * its own in-memory PGlite (see db/client.ts) and this does nothing.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  project.provide("databaseUrl", undefined);
  if (!url) return;
  const target = new URL(url);
  const name = `${target.pathname.slice(1) || "herald"}_vitest`.replace(/[^a-z0-9_]/gi, "_");
  // Connect to the maintenance database: the one named in the URL may not exist yet.
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  target.pathname = `/${name}`;
  process.env.DATABASE_URL = target.toString();
  project.provide("databaseUrl", target.toString());
  const { ensureDb, closeDb } = await import("../db");
  await ensureDb();
  await closeDb();
  console.log(`[vitest] Postgres database ${name} migrated`);
}
