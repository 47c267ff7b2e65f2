// GET /api/health -> { ok, db, version }: 200 when the database answers, 503 when it does not.
import { sql } from "drizzle-orm";
import { db, dbKind, ensureDb } from "@/db";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await ensureDb();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, db: dbKind(), version: pkg.version });
  } catch (e) {
    console.error("[health] database check failed", e);
    return Response.json({ ok: false, db: "unavailable", version: pkg.version }, { status: 503 });
  }
}
