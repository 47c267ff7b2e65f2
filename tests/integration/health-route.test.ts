import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { closeDb } from "@/db";
import { resetEnvCache } from "@/lib/env";
import pkg from "@/package.json";

describe("GET /api/health", () => {
  const original = process.env.DATABASE_URL;
  afterEach(async () => {
    await closeDb();
    if (original === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = original;
    resetEnvCache();
  });

  it("answers 200 with the database kind and version when the database answers", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: original ? "postgres" : "pglite", version: pkg.version });
  });

  it("answers 503 when the database does not", async () => {
    await closeDb();
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/unreachable";
    resetEnvCache();
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, db: "unavailable" });
  });
});
