import { InngestTestEngine } from "@inngest/test";
import { and, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, query } from "@/db";
import { contacts, creditLedger, orgs, suppressions } from "@/db/schema";
import { sweepMessagesFn } from "@/inngest/functions/sweep-messages";
import { getRunner } from "@/inngest/runner";
import { addressHash } from "@/lib/audience/suppressions/address-hash";
import { claimBatch } from "@/lib/sending/dispatch/claim-batch";
import { kickDispatch } from "@/lib/sending/dispatch/kick-dispatch";
import { cancelExpired, dueSenders, recoverLeases } from "@/lib/sending/dispatch/sweep-messages";
import { createOrgWithOwner } from "@/tests/fixtures/factories";
import { campaignRow, eventKinds, messageRows, seedQueuedCampaign } from "@/tests/fixtures/messages";

async function dispatch(...senderIds: string[]) {
  await kickDispatch(senderIds);
  await getRunner().idle();
}

const outboxCount = async (addresses: string[]) =>
  query<{ to: string; n: number }>(
    sql`select "to", count(*)::int as n from outbox_messages where "to" in (${sql.join(
      addresses.map((a) => sql`${a}`),
      sql`, `,
    )}) group by "to" order by "to"`,
  );

const credits = async (orgId: string) => (await db.select({ credits: orgs.credits }).from(orgs).where(eq(orgs.id, orgId)))[0].credits;

describe("dispatch: last-moment checks", () => {
  it("suppresses rows whose address was suppressed or whose contact left since intake, and refunds their credits on Hobby", async () => {
    const { org } = await createOrgWithOwner();
    const seeded = await seedQueuedCampaign({ orgId: org.id, count: 5 });
    const [, b, c] = seeded.contactIds;
    await db.insert(suppressions).values({ orgId: org.id, channel: "email", address: seeded.addresses[0], addressHash: addressHash(seeded.addresses[0]), reason: "manual" });
    await db.update(contacts).set({ status: "unsubscribed" }).where(eq(contacts.id, b));
    await db.update(contacts).set({ status: "bounced" }).where(eq(contacts.id, c));
    await db.delete(contacts).where(eq(contacts.id, seeded.contactIds[3]));
    const before = await credits(org.id);

    await dispatch(seeded.sender.id);

    const rows = await messageRows(seeded.messageIds);
    expect(rows.map((r) => r.status)).toEqual(["suppressed", "suppressed", "suppressed", "cancelled", "sent"]);
    expect(rows.slice(0, 4).every((r) => r.attempts === 0)).toBe(true);
    expect(await eventKinds(seeded.messageIds[0])).toEqual(["suppressed"]);
    expect(await eventKinds(seeded.messageIds[3])).toEqual(["cancelled"]);
    expect(await outboxCount(seeded.addresses)).toEqual([{ to: seeded.addresses[4], n: 1 }]);
    expect(await campaignRow(seeded.campaign.id)).toMatchObject({ status: "sent", sentCount: 1, suppressedCount: 3, cancelledCount: 1, queuedCount: 0 });
    // Four messages never reached a provider: four credits back, in one ledger entry.
    expect(await credits(org.id)).toBe(before + 4);
    const refunds = await db.select().from(creditLedger).where(and(eq(creditLedger.orgId, org.id), like(creditLedger.key, "refund:%")));
    expect(refunds.map((r) => r.delta)).toEqual([4]);
  });

  it("cancels rows past their finish time instead of sending them late", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const late = await seedQueuedCampaign({ orgId: org.id, count: 3, dueIn: -120, expiresIn: -1 });
    const fine = await seedQueuedCampaign({ orgId: org.id, count: 2, sender: late.sender, expiresIn: 3600 });
    await dispatch(late.sender.id);
    expect((await messageRows(late.messageIds)).map((r) => r.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(await eventKinds(late.messageIds[0])).toEqual(["cancelled"]);
    expect((await messageRows(fine.messageIds)).map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(await campaignRow(late.campaign.id)).toMatchObject({ cancelledCount: 3, queuedCount: 0, sentCount: 0, status: "sent" });

    // A paused campaign's rows expire too: the sweep cancels them.
    const paused = await seedQueuedCampaign({ orgId: org.id, count: 2, status: "paused", expiresIn: -1 });
    expect(await cancelExpired()).toBeGreaterThanOrEqual(2);
    expect((await messageRows(paused.messageIds)).map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
    expect(await campaignRow(paused.campaign.id)).toMatchObject({ status: "paused", cancelledCount: 2, queuedCount: 0 });
  });
});

describe("dispatch: crashes and concurrency", () => {
  it("loses nothing and sends nothing twice when a worker dies mid-batch", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const seeded = await seedQueuedCampaign({ orgId: org.id, count: 10 });
    // A worker claims a batch, then dies before sending or recording anything.
    const claimed = await claimBatch(seeded.sender.id, 6, { paysWithCredits: false });
    expect(claimed.messages).toHaveLength(6);
    const taken = claimed.messages.map((m) => m.id);
    // One of them was already on its last attempt.
    await query(sql`update messages set attempts = 3 where id = ${taken[5]}`);

    // Meanwhile dispatch sends the other four; the leased six are not touched.
    await dispatch(seeded.sender.id);
    expect((await messageRows(taken)).every((r) => r.status === "sending")).toBe(true);

    // The lease runs out; the sweep takes the rows back and dispatch sends them.
    await query(sql`update messages set lease_until = now() - interval '1 second' where id in (${sql.join(taken.map((id) => sql`${id}`), sql`, `)})`);
    const recovered = await recoverLeases();
    expect(recovered).toMatchObject({ requeued: 5, failed: 1 });
    await dispatch(seeded.sender.id);

    const rows = await messageRows(seeded.messageIds);
    const failedRow = rows.find((r) => Number(r.id) === taken[5])!;
    expect(failedRow.status).toBe("failed");
    expect(failedRow.last_error).toMatch(/did not complete/);
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(9);
    expect(rows.filter((r) => taken.slice(0, 5).includes(Number(r.id))).every((r) => r.attempts === 2)).toBe(true);
    expect(await eventKinds(taken[0])).toEqual(["retry", "sent"]);
    // Every message the provider got, it got exactly once; none is lost.
    const sentTo = await outboxCount(seeded.addresses);
    expect(sentTo).toHaveLength(9);
    expect(sentTo.every((r) => r.n === 1)).toBe(true);
    expect(await campaignRow(seeded.campaign.id)).toMatchObject({ status: "sent", sentCount: 9, failedCount: 1, queuedCount: 0 });
  });

  it("never gives the same row to two claims running at once, nor more than the cap", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const seeded = await seedQueuedCampaign({ orgId: org.id, count: 80, senderSpec: { dailyCap: 70 } });
    const results = await Promise.all([1, 2, 3, 4].map(() => claimBatch(seeded.sender.id, 30, { paysWithCredits: false })));
    const ids = results.flatMap((r) => r.messages.map((m) => m.id));
    expect(new Set(ids).size).toBe(ids.length);
    // Four claims of 30 against a cap of 70: the in-flight rows count, so 70 and no more.
    expect(ids).toHaveLength(70);
    const rows = await messageRows(seeded.messageIds);
    expect(rows.filter((r) => r.status === "sending")).toHaveLength(70);
    expect(rows.filter((r) => r.status === "sending").every((r) => r.attempts === 1 && r.lease_until !== null)).toBe(true);
  });

  it("the sweep lists senders with due rows and kicks exactly those", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const due = await seedQueuedCampaign({ orgId: org.id, count: 1 });
    const later = await seedQueuedCampaign({ orgId: org.id, count: 1, dueIn: 3600 });
    const paused = await seedQueuedCampaign({ orgId: org.id, count: 1, status: "paused" });
    const list = (await dueSenders()).map((d) => d.senderId);
    expect(list).toContain(due.sender.id);
    expect(list).not.toContain(later.sender.id);
    expect(list).not.toContain(paused.sender.id);

    // The cron function: its kick step is mocked so this test starts no other file's senders.
    const t = new InngestTestEngine({ function: sweepMessagesFn, steps: [{ id: "kick-dispatch", handler: () => ({ ids: [] }) }] });
    const { ctx, result } = await t.execute();
    expect(result).toMatchObject({ kicked: expect.any(Number) });
    const sent = (ctx.step.sendEvent as unknown as { mock: { calls: [string, { name: string; data: { senderId: string; orgId: string } }[]][] } }).mock.calls;
    expect(sent[0][0]).toBe("kick-dispatch");
    expect(sent[0][1]).toContainEqual({ name: "sending/sender.dispatch", data: { orgId: org.id, senderId: due.sender.id } });
    expect(sent[0][1].map((e) => e.data.senderId)).not.toContain(later.sender.id);
  });
});
