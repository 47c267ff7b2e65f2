import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, query } from "@/db";
import { senderDailyCounts, senders, usageCounters } from "@/db/schema";
import { getRunner } from "@/inngest/runner";
import { encodeId } from "@/lib/ids";
import { resetEnvCache } from "@/lib/env";
import { kickDispatch } from "@/lib/sending/dispatch/kick-dispatch";
import { closeProviders } from "@/lib/sending/providers/provider-for-connection";
import { verifyToken } from "@/lib/tracking/tracking-token";
import { startSendgridFake, type SendgridFake } from "@/tests/fakes/sendgrid";
import { createOrgWithOwner } from "@/tests/fixtures/factories";
import { campaignRow, eventKinds, messageRows, seedQueuedCampaign } from "@/tests/fixtures/messages";

const KEY = "SG.dispatch-test-key";
let fake: SendgridFake;

beforeAll(async () => {
  fake = await startSendgridFake({ apiKey: KEY });
  process.env.SENDGRID_API_URL = fake.url;
  process.env.HERALD_RETRY_BASE_MS = "40";
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.SENDGRID_API_URL;
  delete process.env.HERALD_RETRY_BASE_MS;
  resetEnvCache();
  await closeProviders();
  await fake.close();
});
beforeEach(() => fake.reset());

/** Starts dispatch for a sender and waits for every run (retries and waits included) to end. */
async function dispatch(senderId: string) {
  await kickDispatch([senderId]);
  await getRunner().idle();
}

const tokensIn = (html: string, kind: "o" | "c") => [...html.matchAll(new RegExp(`/t/${kind}/([A-Za-z0-9_-]+)`, "g"))].map((m) => m[1]);

describe("dispatch through SendGrid", () => {
  it("sends 1,200 messages in two Mail Send calls, each recipient with its id, headers and tracked body", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const seeded = await seedQueuedCampaign({ orgId: org.id, count: 1200, connection: { kind: "sendgrid", apiKey: KEY } });
    await dispatch(seeded.sender.id);

    // 1,000 personalizations per call: one call of 1,000 and one of 200, one shared body each.
    expect(fake.requests.map((r) => r.body.personalizations.length).sort((a, b) => b - a)).toEqual([1000, 200]);
    const ids = fake.requests.flatMap((r) => r.body.personalizations.map((p) => p.custom_args?.herald_message_id));
    expect(new Set(ids).size).toBe(1200);
    expect(ids.sort()).toEqual(seeded.messageIds.map((id) => encodeId("msg", id)).sort());
    for (const r of fake.requests) {
      expect(r.body.from).toEqual({ email: seeded.sender.fromEmail, name: "Herald News" });
      // The body is shared; what differs per recipient travels as substitutions.
      expect(r.body.personalizations.every((p) => p.substitutions && Object.keys(p.substitutions).length > 0)).toBe(true);
    }

    const delivered = fake.delivered();
    expect(delivered).toHaveLength(1200);
    const firstId = seeded.messageIds[0];
    const first = delivered.find((d) => d.customArgs.herald_message_id === encodeId("msg", firstId))!;
    expect(first.to).toBe(seeded.addresses[0]);
    expect(first.subject).toBe("Hello Reader1");
    expect(first.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(first.headers["List-Unsubscribe"]).toMatch(/^<http:\/\/localhost:\d+\/u\/[A-Za-z0-9_-]+>, <mailto:unsubscribe@localhost\?subject=unsubscribe-[A-Za-z0-9_-]+>$/);
    expect(first.html).toContain("<p>Hi Reader1,</p>");
    expect(first.html).not.toMatch(/\[\[|\uE010/);
    const clicks = tokensIn(first.html!, "c").map((t) => verifyToken(t, "click"));
    expect(clicks).toEqual([
      { kind: "click", messageId: firstId, linkIndex: 0 },
      { kind: "click", messageId: firstId, linkIndex: 1 },
      { kind: "click", messageId: firstId, linkIndex: 0 },
    ]);
    expect(tokensIn(first.html!, "o").map((t) => verifyToken(t, "open"))).toEqual([{ kind: "open", messageId: firstId }]);
    expect(first.html).toContain("1 Example Street");
    expect(first.text).toContain("Hi Reader1,");
    expect(first.text).toContain("10115 Berlin, Germany");

    // Every row recorded in one go: sent, the call's X-Message-Id, lease cleared, one event.
    const rows = await messageRows(seeded.messageIds);
    const xIds = new Set(fake.requests.map((r) => r.xMessageId));
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1 && r.lease_until === null && xIds.has(r.provider_message_id!))).toBe(true);
    expect(await eventKinds(firstId)).toEqual(["sent"]);
    const campaign = await campaignRow(seeded.campaign.id);
    expect(campaign).toMatchObject({ status: "sent", sentCount: 1200, queuedCount: 0, failedCount: 0 });
    expect(campaign.finishedAt).toBeInstanceOf(Date);
    const [daily] = await db.select().from(senderDailyCounts).where(eq(senderDailyCounts.senderId, seeded.sender.id));
    expect(daily.sent).toBe(1200);
    const [usage] = await db.select().from(usageCounters).where(and(eq(usageCounters.orgId, org.id), eq(usageCounters.metric, "emails")));
    expect(Number(usage.count)).toBe(1200);
  });

  it("retries 500 and 429 with backoff, three attempts in all, then fails with SendGrid's message", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const down = await seedQueuedCampaign({ orgId: org.id, count: 2, connection: { kind: "sendgrid", apiKey: KEY } });
    fake.failNext(500, 3);
    await dispatch(down.sender.id);
    expect(fake.requests).toHaveLength(0);
    for (const row of await messageRows(down.messageIds)) {
      expect(row).toMatchObject({ status: "failed", attempts: 3, last_error: "SendGrid answered 500: Internal server error" });
    }
    expect(await eventKinds(down.messageIds[0])).toEqual(["retry", "retry", "failed"]);
    expect(await campaignRow(down.campaign.id)).toMatchObject({ status: "sent", failedCount: 2, sentCount: 0, queuedCount: 0 });

    const busy = await seedQueuedCampaign({ orgId: org.id, count: 1, connection: { kind: "sendgrid", apiKey: KEY } });
    fake.failNext(429, 1);
    await dispatch(busy.sender.id);
    const [row] = await messageRows(busy.messageIds);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(await eventKinds(busy.messageIds[0])).toEqual(["retry", "sent"]);
    expect(fake.delivered().map((d) => d.to)).toEqual(busy.addresses);
  });

  it("fails a 4xx at once, and marks the sender failing when SendGrid refuses its key", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const bad = await seedQueuedCampaign({ orgId: org.id, count: 1, connection: { kind: "sendgrid", apiKey: KEY } });
    fake.failNext(400, 1);
    await dispatch(bad.sender.id);
    const [row] = await messageRows(bad.messageIds);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.last_error).toBe("SendGrid answered 400: Bad request (from.email)");
    expect(await eventKinds(bad.messageIds[0])).toEqual(["failed"]);
    const [healthy] = await db.select().from(senders).where(eq(senders.id, bad.sender.id));
    expect(healthy.status).toBe("active");

    const revoked = await seedQueuedCampaign({ orgId: org.id, count: 3, connection: { kind: "sendgrid", apiKey: "SG.revoked" } });
    await dispatch(revoked.sender.id);
    const [sender] = await db.select().from(senders).where(eq(senders.id, revoked.sender.id));
    expect(sender.status).toBe("failing");
    expect(sender.lastError).toMatch(/^SendGrid answered 401/);
    expect((await messageRows(revoked.messageIds)).map((r) => r.status)).toEqual(["failed", "failed", "failed"]);
    // A failing sender claims nothing more.
    await query(sql`update messages set status = 'queued' where id = ${revoked.messageIds[0]}`);
    await dispatch(revoked.sender.id);
    expect((await messageRows([revoked.messageIds[0]]))[0].status).toBe("queued");
  });
});
