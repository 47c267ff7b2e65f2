import fs from "node:fs/promises";
import path from "node:path";
import { dataDir } from "@/lib/env";

/** Where an uploaded CSV lives: one folder per org, one file per import. */
export function importFilePath(orgId: string, importId: string): string {
  if (!/^org_[0-9a-z]+$/.test(orgId) || !/^imp_[0-9a-z]+$/.test(importId)) throw new Error("bad id");
  return path.join(dataDir(), "uploads", orgId, `${importId}.csv`);
}

/**
 * Once an import has finished (or failed for good) its file is deleted: the contacts are in the
 * database, the refused rows in import_errors, and a CSV of people's data must not outlive its use
 * (an erased contact would otherwise still be in it).
 */
export async function discardImportFile(filePath: string): Promise<void> {
  await fs.rm(filePath, { force: true });
}
