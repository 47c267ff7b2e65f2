import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { imports } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";

/** The org's imports, newest first. */
export async function listImports(actor: Actor, limit = 100) {
  return db
    .select({
      id: imports.id,
      fileName: imports.fileName,
      status: imports.status,
      totalRows: imports.totalRows,
      processedRows: imports.processedRows,
      createdCount: imports.createdCount,
      updatedCount: imports.updatedCount,
      skippedCount: imports.skippedCount,
      failedCount: imports.failedCount,
      createdAt: imports.createdAt,
    })
    .from(imports)
    .where(eq(imports.orgId, actor.orgId))
    .orderBy(desc(imports.createdAt))
    .limit(limit);
}
