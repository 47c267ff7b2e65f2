import path from "node:path";
import { dataDir } from "@/lib/env";

/** Where an uploaded CSV lives: one folder per org, one file per import. */
export function importFilePath(orgId: string, importId: string): string {
  if (!/^org_[0-9a-z]+$/.test(orgId) || !/^imp_[0-9a-z]+$/.test(importId)) throw new Error("bad id");
  return path.join(dataDir(), "uploads", orgId, `${importId}.csv`);
}
