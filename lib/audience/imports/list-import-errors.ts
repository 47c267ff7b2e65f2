import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { importErrors } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { getImport } from "./get-import";

/** The first refused rows of an import, by line. */
export async function listImportErrors(actor: Actor, importId: string, limit = 100) {
  await getImport(actor, importId);
  return db
    .select({ line: importErrors.line, reason: importErrors.reason })
    .from(importErrors)
    .where(and(eq(importErrors.importId, importId), eq(importErrors.orgId, actor.orgId)))
    .orderBy(asc(importErrors.line))
    .limit(limit);
}
