import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { senders, type Sender } from "@/db/schema";
import { AppError } from "@/lib/errors";

export const SENDER_NOT_FOUND = "That sender does not exist in this organization.";

/** One sender of the org; another org's id is NOT_FOUND, like an id that never existed. */
export async function loadSender(on: Db | Tx, orgId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<Sender> {
  const q = on.select().from(senders).where(and(eq(senders.id, id), eq(senders.orgId, orgId)));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw new AppError("NOT_FOUND", SENDER_NOT_FOUND);
  return row;
}
