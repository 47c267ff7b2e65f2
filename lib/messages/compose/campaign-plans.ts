import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { campaigns } from "@/db/schema";
import { compileEmailPlan, type EmailPlan } from "./email-plan";
import { compileSmsPlan, type SmsPlan } from "./compose-sms";

export type CampaignPlan = { kind: "email"; plan: EmailPlan } | { kind: "sms"; plan: SmsPlan } | { kind: "error"; error: string };

type Org = { name: string; postalAddress: string | null };

// Plans survive between batches: a campaign's content is frozen at launch, so a sender working
// through it compiles it once, not once per batch. The stamp holds everything a plan is built
// from; any change (the org's postal address, the app URL) builds a new one.
const MAX_PLANS = 100;
const cache = new Map<string, { stamp: string; plan: CampaignPlan }>();

/**
 * The compiled plan of each campaign in a batch, loaded in one query (scoped to the org). A
 * campaign whose content cannot be compiled gets an error plan: its messages fail with that
 * error instead of the batch failing.
 */
export async function campaignPlans(orgId: string, campaignIds: string[], baseUrl: string, org: Org): Promise<Map<string, CampaignPlan>> {
  const out = new Map<string, CampaignPlan>();
  const ids = [...new Set(campaignIds)];
  if (ids.length === 0) return out;
  const rows = await db
    .select({ id: campaigns.id, name: campaigns.name, channel: campaigns.channel, content: campaigns.content, links: campaigns.links })
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), inArray(campaigns.id, ids)));
  for (const row of rows) {
    const stamp = JSON.stringify([row.name, row.channel, row.content, row.links, baseUrl, org.name, org.postalAddress]);
    const hit = cache.get(row.id);
    if (hit?.stamp === stamp) {
      out.set(row.id, hit.plan);
      continue;
    }
    const plan = build(row, baseUrl, org);
    cache.delete(row.id);
    cache.set(row.id, { stamp, plan });
    if (cache.size > MAX_PLANS) cache.delete(cache.keys().next().value!);
    out.set(row.id, plan);
  }
  return out;
}

function build(row: { id: string; name: string; channel: "email" | "sms"; content: typeof campaigns.$inferSelect.content; links: string[] }, baseUrl: string, org: Org): CampaignPlan {
  const content = row.content;
  if (!content) return { kind: "error", error: "The campaign has no content snapshot." };
  try {
    if (row.channel === "sms") {
      if (!content.smsBody?.trim()) return { kind: "error", error: "The campaign has no SMS body." };
      return { kind: "sms", plan: compileSmsPlan({ body: content.smsBody, baseUrl, campaignName: row.name, org }) };
    }
    if (!content.html?.trim() && !content.text?.trim()) return { kind: "error", error: "The campaign has neither HTML nor text." };
    return { kind: "email", plan: compileEmailPlan({ campaignId: row.id, campaignName: row.name, content, links: row.links, baseUrl, org }) };
  } catch (e) {
    return { kind: "error", error: `The campaign's template cannot be rendered: ${(e as Error).message}` };
  }
}
