import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { apiKeys, rateLimits, usageCounters } from "@/db/schema";
import { GET as getCampaignRoute } from "@/app/api/v1/campaigns/[id]/route";
import { GET as listCampaignsRoute } from "@/app/api/v1/campaigns/route";
import { GET as usageRoute } from "@/app/api/v1/usage/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { API_RATE_LIMIT, apiRateLimitKey } from "@/lib/api/with-api";
import { flushApiMeter } from "@/lib/billing/meter-api-request";
import { monthOf } from "@/lib/billing/month";
import type { Actor } from "@/lib/orgs/actor";
import { campaignOrg, readyEmailCampaign } from "../fixtures/campaigns";
import { createOrgWithOwner } from "../fixtures/factories";

const BASE = "http://localhost/api/v1";

const call = (path: string, token?: string | null, headers: Record<string, string> = {}) =>
  new Request(`${BASE}${path}`, { headers: token ? { authorization: `Bearer ${token}`, ...headers } : headers });

const withId = (id: string) => ({ params: Promise.resolve({ id }) });

async function tokenFor(actor: Actor) {
  return (await createApiKey(actor, { name: "Test" })).token;
}

async function metered(orgId: string, endpoint: string) {
  await flushApiMeter();
  const [row] = await db
    .select({ count: usageCounters.count })
    .from(usageCounters)
    .where(and(eq(usageCounters.orgId, orgId), eq(usageCounters.month, monthOf()), eq(usageCounters.metric, `api:${endpoint}`)));
  return Number(row?.count ?? 0);
}

async function expectEnvelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body).toEqual({ error: { code, message: expect.any(String), fields: expect.any(Object) } });
  return body.error as { code: string; message: string; fields: Record<string, string> };
}

describe("API authentication", () => {
  it("refuses a missing, malformed, unknown or revoked key with 401 and the error envelope, metering nothing", async () => {
    const { org, actor } = await createOrgWithOwner();
    const token = await tokenFor(actor);
    const revoked = await createApiKey(actor, { name: "Revoked" });
    await revokeApiKey(actor, { id: revoked.key.id });
    const cases: [string, Request][] = [
      ["no header", call("/usage")],
      ["not bearer", call("/usage", null, { authorization: `Basic ${token}` })],
      ["garbage", call("/usage", "garbage")],
      ["unknown hk_ key", call("/usage", `hk_${"a".repeat(32)}`)],
      ["revoked", call("/usage", revoked.token)],
    ];
    for (const [name, req] of cases) {
      const res = await usageRoute(req);
      expect(res.status, name).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      await expectEnvelope(res, 401, "UNAUTHENTICATED");
    }
    expect(await metered(org.id, "GET /v1/usage")).toBe(0);
  });

  it("stamps last_used_at on use, at most once a minute", async () => {
    const { actor } = await createOrgWithOwner();
    const { key, token } = await createApiKey(actor, { name: "Stamp" });
    expect((await usageRoute(call("/usage", token))).status).toBe(200);
    const [first] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(first.lastUsedAt).toBeInstanceOf(Date);
    await usageRoute(call("/usage", token));
    const [second] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(second.lastUsedAt?.getTime()).toBe(first.lastUsedAt?.getTime());
    await db.update(apiKeys).set({ lastUsedAt: sql`now() - interval '2 minutes'` }).where(eq(apiKeys.id, key.id));
    await usageRoute(call("/usage", token));
    const [third] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(third.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 30_000);
  });
});

describe("API metering", () => {
  it("answers this month's usage and counts every call per org and endpoint", async () => {
    const { org, actor } = await createOrgWithOwner();
    const other = await createOrgWithOwner();
    const token = await tokenFor(actor);
    const otherToken = await tokenFor(other.actor);
    for (let i = 0; i < 3; i++) {
      const res = await usageRoute(call("/usage", token));
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.month).toBe(monthOf());
      expect(body.contacts).toEqual({ stored: 0, limit: expect.any(Number) });
    }
    await usageRoute(call("/usage", otherToken));
    expect(await metered(org.id, "GET /v1/usage")).toBe(3);
    expect(await metered(other.org.id, "GET /v1/usage")).toBe(1);
    // The counted calls show up in the next answer.
    const body = await (await usageRoute(call("/usage", token))).json();
    expect(body.counts["api:GET /v1/usage"]).toBe(3);
  });

  it("meters calls that fail validation or find nothing", async () => {
    const { org, actor } = await campaignOrg();
    const token = await tokenFor(actor);
    const bad = await listCampaignsRoute(call("/campaigns?status=bogus", token));
    const err = await expectEnvelope(bad, 422, "VALIDATION");
    expect(Object.keys(err.fields)).toContain("status");
    await expectEnvelope(await getCampaignRoute(call("/campaigns/cmp_missing", token), withId("cmp_missing")), 404, "NOT_FOUND");
    expect(await metered(org.id, "GET /v1/campaigns")).toBe(1);
    expect(await metered(org.id, "GET /v1/campaigns/:id")).toBe(1);
  });
});

describe("API campaigns", () => {
  it("lists and reads the key's org's campaigns", async () => {
    const { actor } = await campaignOrg();
    const { campaign } = await readyEmailCampaign(actor);
    const token = await tokenFor(actor);
    const list = await (await listCampaignsRoute(call("/campaigns", token))).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([campaign.id]);
    expect(list.nextCursor).toBeNull();
    const one = await getCampaignRoute(call(`/campaigns/${campaign.id}`, token), withId(campaign.id));
    expect(one.status).toBe(200);
    expect((await one.json()).id).toBe(campaign.id);
  });

  it("never shows another org's campaign: 404 and an empty list", async () => {
    const a = await campaignOrg();
    const b = await campaignOrg();
    const { campaign } = await readyEmailCampaign(a.actor);
    const tokenB = await tokenFor(b.actor);
    await expectEnvelope(await getCampaignRoute(call(`/campaigns/${campaign.id}`, tokenB), withId(campaign.id)), 404, "NOT_FOUND");
    const list = await (await listCampaignsRoute(call("/campaigns", tokenB))).json();
    expect(list.items).toEqual([]);
  });
});

describe("API rate limit", () => {
  it("answers 429 with Retry-After past the per-key limit, without metering the refused call", async () => {
    const { org, actor } = await createOrgWithOwner();
    const { key, token } = await createApiKey(actor, { name: "Busy" });
    const other = await tokenFor(actor);
    // The window already holds the limit's worth of hits: the next one is over.
    await db.insert(rateLimits).values({ key: apiRateLimitKey(key.id), count: API_RATE_LIMIT, resetAt: sql`now() + interval '30 seconds'` });
    const res = await usageRoute(call("/usage", token));
    await expectEnvelope(res, 429, "RATE_LIMITED");
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(30);
    expect(await metered(org.id, "GET /v1/usage")).toBe(0);
    // The limit is per key: the org's other key still answers.
    expect((await usageRoute(call("/usage", other))).status).toBe(200);
  });
});
