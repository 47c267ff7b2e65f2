import { and, eq } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { lists, type List } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** A list by id AND org (optionally locked for the transaction); another org's id is NOT_FOUND. */
export async function findList(orgId: string, listId: string, on: Db | Tx = db, lock = false): Promise<List> {
  const q = on
    .select()
    .from(lists)
    .where(and(eq(lists.id, listId), eq(lists.orgId, orgId)))
    .limit(1);
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new AppError("NOT_FOUND", "List not found.");
  return row;
}
