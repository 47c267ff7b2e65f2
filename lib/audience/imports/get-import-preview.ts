import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { contactAttributes, lists } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { autoMatch } from "./column-mapping";
import { getImport } from "./get-import";
import { readCsvHead } from "./read-csv";

/** What the mapping step shows: the first rows, the suggested mapping, and the org's lists and attributes. */
export async function getImportPreview(actor: Actor, importId: string) {
  const imp = await getImport(actor, importId);
  const attributes = await db
    .select({ key: contactAttributes.key, label: contactAttributes.label, type: contactAttributes.type })
    .from(contactAttributes)
    .where(eq(contactAttributes.orgId, actor.orgId))
    .orderBy(asc(contactAttributes.key));
  const orgLists = await db.select({ id: lists.id, name: lists.name }).from(lists).where(eq(lists.orgId, actor.orgId)).orderBy(asc(lists.name));
  // The file is deleted when the import finishes; a finished import shows its result, not its rows.
  const head = imp.status === "uploaded" || imp.status === "failed" ? await readCsvHead(imp.filePath, imp.delimiter, 5).catch(missingFile) : [];
  return {
    import: imp,
    rows: head.slice(1).map((r) => r.fields),
    suggested: Object.keys(imp.mapping).length ? imp.mapping : autoMatch(imp.headers, attributes),
    attributes,
    lists: orgLists,
  };
}

function missingFile(e: unknown): [] {
  if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
  throw e;
}
