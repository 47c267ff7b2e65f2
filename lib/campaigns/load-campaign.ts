import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { campaigns, type Campaign } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { CAMPAIGN_NOT_FOUND } from "./schemas";

/**
 * One campaign of the org; another org's id is NOT_FOUND, like an id that never existed.
 * `forUpdate` locks the row, so a launch, a pause and a cancel of the same campaign take turns.
 */
export async function loadCampaign(on: Db | Tx, orgId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<Campaign> {
  const q = on.select().from(campaigns).where(and(eq(campaigns.id, id), eq(campaigns.orgId, orgId)));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw new AppError("NOT_FOUND", CAMPAIGN_NOT_FOUND);
  return row;
}
