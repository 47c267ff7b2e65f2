import { afterAll, beforeAll, inject } from "vitest";
import { closeDb, ensureDb } from "@/db";
import { resetRunner } from "@/inngest/runner";

// The per-run Postgres database made by global-setup; unset means in-memory PGlite per file.
const databaseUrl = inject("databaseUrl");
if (databaseUrl) process.env.DATABASE_URL = databaseUrl;

beforeAll(async () => {
  await ensureDb();
});

afterAll(async () => {
  resetRunner();
  await closeDb();
});
