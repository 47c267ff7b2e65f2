import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, query } from "@/db";
import { campaigns, senderDailyCounts } from "@/db/schema";
import { getRunner } from "@/inngest/runner";
import { kickDispatch } from "@/lib/sending/dispatch/kick-dispatch";
import { batchSize, paceMs } from "@/lib/sending/dispatch/policy";
import { createOrgWithOwner } from "@/tests/fixtures/factories";
import { campaignRow, messageRows, seedQueuedCampaign } from "@/tests/fixtures/messages";

/** The output of the finished dispatch runs of a sender, oldest first. */
const runsOf = (senderId: string) =>
  getRunner()
    .runs({ functionId: "dispatch-sender" })
    .filter((r) => r.event.data.senderId === senderId && r.status === "completed")
    .map((r) => r.output as Record<string, unknown>);

const statuses = async (ids: number[]) => (await messageRows(ids)).map((r) => r.status);
const count = (list: string[], s: string) => list.filter((x) => x === s).length;

async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("dispatch: pace, cap, pause and resume", () => {
  it("sizes batches from the sender's rate and waits out the rest of each second", () => {
    expect(batchSize(2.5)).toBe(3);
    expect(batchSize(0.1)).toBe(1);
    expect(batchSize(40)).toBe(40);
    expect(batchSize(1000)).toBe(1000);
    expect(batchSize(5000)).toBe(1000);
    expect(paceMs(3, 2.5, 100)).toBe(1100);
    expect(paceMs(1000, 1000, 250)).toBe(750);
    expect(paceMs(1000, 1000, 1500)).toBe(0);
    expect(paceMs(0, 2.5, 0)).toBe(0);
  });

  it("keeps a slow sender to its rate: 2.5/s sends 6 messages as 3 + 3 a good second apart", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const seeded = await seedQueuedCampaign({ orgId: org.id, count: 6, senderSpec: { ratePerSecond: 2.5 } });
    const started = Date.now();
    await kickDispatch([seeded.sender.id]);
    await getRunner().idle();
    const elapsed = Date.now() - started;
    expect(await statuses(seeded.messageIds)).toEqual(Array(6).fill("sent"));
    const [run] = runsOf(seeded.sender.id);
    expect(run).toMatchObject({ batches: 2, sent: 6, stopped: "idle" });
    // 3 messages at 2.5/s is 1.2 s, less the first batch's own time.
    expect(run.pausedMs).toBeGreaterThan(900);
    expect(run.pausedMs).toBeLessThanOrEqual(1200);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    const sentAt = (await messageRows(seeded.messageIds)).map((r) => new Date(r.sent_at!).getTime());
    expect(Math.min(...sentAt.slice(3)) - Math.max(...sentAt.slice(0, 3))).toBeGreaterThanOrEqual(900);
  });

  it("stops at the daily cap: a cap of 5 sends 5 and the rest wait for the next UTC day", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const seeded = await seedQueuedCampaign({ orgId: org.id, count: 8, senderSpec: { dailyCap: 5 } });
    await kickDispatch([seeded.sender.id]);
    await getRunner().idle();
    const list = await statuses(seeded.messageIds);
    expect([count(list, "sent"), count(list, "queued")]).toEqual([5, 3]);
    expect(runsOf(seeded.sender.id).at(-1)).toMatchObject({ sent: 5, stopped: "cap" });
    const [daily] = await db.select().from(senderDailyCounts).where(eq(senderDailyCounts.senderId, seeded.sender.id));
    expect(daily.sent).toBe(5);
    // Kicked again the same day: nothing more goes.
    await kickDispatch([seeded.sender.id]);
    await getRunner().idle();
    expect(count(await statuses(seeded.messageIds), "sent")).toBe(5);
    expect(await campaignRow(seeded.campaign.id)).toMatchObject({ status: "sending", sentCount: 5, queuedCount: 3 });
  });

  it("claims nothing of a paused campaign, stops a running one within a batch, and resumes where it stopped", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const paused = await seedQueuedCampaign({ orgId: org.id, count: 4, status: "paused" });
    await kickDispatch([paused.sender.id]);
    await getRunner().idle();
    expect(await statuses(paused.messageIds)).toEqual(Array(4).fill("queued"));

    // Running at 20/s: pause after the first batch lands.
    const running = await seedQueuedCampaign({ orgId: org.id, count: 60, senderSpec: { ratePerSecond: 20 } });
    await kickDispatch([running.sender.id]);
    await until(async () => count(await statuses(running.messageIds), "sent") >= 20);
    await db.update(campaigns).set({ status: "paused" }).where(eq(campaigns.id, running.campaign.id));
    await getRunner().idle();
    const atPause = await statuses(running.messageIds);
    expect(count(atPause, "sent")).toBeLessThan(60);
    expect(count(atPause, "sent") + count(atPause, "queued")).toBe(60);
    expect(runsOf(running.sender.id).at(-1)).toMatchObject({ stopped: "idle" });

    // Resume both: every message goes exactly once.
    await db.update(campaigns).set({ status: "sending" }).where(inArray(campaigns.id, [paused.campaign.id, running.campaign.id]));
    await kickDispatch([paused.sender.id, running.sender.id]);
    await getRunner().idle();
    expect(await statuses([...paused.messageIds, ...running.messageIds])).toEqual(Array(64).fill("sent"));
    const [{ n }] = await query<{ n: number }>(
      sql`select count(*)::int as n from outbox_messages where "to" in (${sql.join(
        [...paused.addresses, ...running.addresses].map((a) => sql`${a}`),
        sql`, `,
      )})`,
    );
    expect(n).toBe(64);
    expect(await campaignRow(running.campaign.id)).toMatchObject({ status: "sent", sentCount: 60, queuedCount: 0 });
  });

  it("runs one dispatch per sender however often it is kicked", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const seeded = await seedQueuedCampaign({ orgId: org.id, count: 12, senderSpec: { ratePerSecond: 4 } });
    await kickDispatch([seeded.sender.id]);
    await new Promise((r) => setTimeout(r, 300));
    // Kicks while the first run sleeps between batches start no second run (singleton "skip").
    await kickDispatch([seeded.sender.id]);
    await kickDispatch([seeded.sender.id]);
    await getRunner().idle();
    expect(runsOf(seeded.sender.id)).toEqual([expect.objectContaining({ batches: 3, sent: 12 })]);
  });
});
