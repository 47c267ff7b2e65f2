import { and, asc, eq, gt } from "drizzle-orm";
import { db } from "@/db";
import { importErrors } from "@/db/schema";
import { csvLine } from "@/lib/audience/export/csv-cell";
import type { Actor } from "@/lib/orgs/actor";
import { getImport } from "./get-import";

/**
 * The refused rows as CSV: the file's own columns, then the line and the reason, read in keyset
 * batches so a file of a million bad rows streams in constant memory.
 */
export async function streamFailedRows(actor: Actor, importId: string): Promise<{ fileName: string; lines: AsyncGenerator<string> }> {
  const imp = await getImport(actor, importId);
  async function* lines() {
    yield csvLine([...imp.headers, "line", "reason"]);
    let after = 0;
    for (;;) {
      const batch = await db
        .select({ id: importErrors.id, line: importErrors.line, reason: importErrors.reason, raw: importErrors.raw })
        .from(importErrors)
        .where(and(eq(importErrors.importId, imp.id), eq(importErrors.orgId, actor.orgId), gt(importErrors.id, after)))
        .orderBy(asc(importErrors.id))
        .limit(2000);
      if (!batch.length) return;
      yield batch.map((e) => csvLine([...imp.headers.map((_, i) => e.raw[i] ?? ""), e.line, e.reason])).join("");
      after = batch[batch.length - 1].id;
    }
  }
  return { fileName: imp.fileName.replace(/\.csv$/i, "") + "-failed-rows.csv", lines: lines() };
}
