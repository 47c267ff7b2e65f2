import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { imports, type Import } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { secondsLeft } from "./time-left";

/** One import of the actor's org; another org's id is NOT_FOUND. */
export async function getImport(actor: Actor, importId: string): Promise<Import> {
  const [row] = await db.select().from(imports).where(and(eq(imports.id, importId), eq(imports.orgId, actor.orgId))).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "Import not found.");
  return row;
}

export type ImportProgress = Pick<
  Import,
  "id" | "status" | "totalRows" | "processedRows" | "createdCount" | "updatedCount" | "skippedCount" | "failedCount" | "error"
> & { secondsLeft: number | null };

/** The counts the progress bar polls. */
export async function getImportProgress(actor: Actor, importId: string): Promise<ImportProgress> {
  const i = await getImport(actor, importId);
  return {
    id: i.id,
    status: i.status,
    totalRows: i.totalRows,
    processedRows: i.processedRows,
    createdCount: i.createdCount,
    updatedCount: i.updatedCount,
    skippedCount: i.skippedCount,
    failedCount: i.failedCount,
    error: i.error,
    // Estimated here, on the database's clock that wrote startedAt, not the browser's.
    secondsLeft: i.status === "running" ? secondsLeft(i.startedAt, i.processedRows, i.totalRows) : null,
  };
}
