import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { campaigns, type CampaignStatus } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { toCampaignViews, type CampaignView } from "./campaign-view";
import { authorize } from "./permissions";
import { listCampaignsSchema } from "./schemas";

export const CAMPAIGNS_PAGE = 50;

// The cursor carries created_at to the microsecond (as Postgres stores it, which a JS Date
// cannot) and the id that breaks ties, so no campaign is skipped or shown twice across pages.
const cursorJson = z.object({ t: z.string().max(40), i: z.string().max(64) });

const encodeCursor = (t: string, i: string) => Buffer.from(JSON.stringify({ t, i })).toString("base64url");

function decodeCursor(value: string | undefined): { t: string; i: string } | null {
  if (!value) return null;
  try {
    const parsed = cursorJson.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success && !Number.isNaN(Date.parse(parsed.data.t)) ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The org's campaigns, newest first, optionally of one status; a malformed cursor is the first page. */
export async function listCampaigns(actor: Actor, input: { status?: CampaignStatus; cursor?: string } = {}): Promise<{ items: CampaignView[]; nextCursor: string | null }> {
  authorize(actor, "view");
  const { status, cursor } = listCampaignsSchema.parse(input);
  const after = decodeCursor(cursor);
  const rows = await db
    .select({ row: campaigns, cursorTs: sql<string>`to_char(${campaigns.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.orgId, actor.orgId),
        status ? eq(campaigns.status, status) : undefined,
        after ? sql`(${campaigns.createdAt}, ${campaigns.id}) < (${after.t}::timestamptz, ${after.i}::text)` : undefined,
      ),
    )
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(CAMPAIGNS_PAGE + 1);
  const page = rows.slice(0, CAMPAIGNS_PAGE);
  const last = page[page.length - 1];
  return {
    items: await toCampaignViews(db, actor.orgId, page.map((r) => r.row)),
    nextCursor: rows.length > CAMPAIGNS_PAGE && last ? encodeCursor(last.cursorTs, last.row.id) : null,
  };
}
