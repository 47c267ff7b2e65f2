import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { campaigns, contactSenders, messages, senderDailyCounts, senders } from "@/db/schema";
import { createConnection } from "@/lib/sending/connections/create-connection";
import { OUTBOX_CONNECTION_NAME } from "@/lib/sending/connections/ensure-outbox-connection";
import { createSender } from "@/lib/sending/senders/create-sender";
import { deleteSender } from "@/lib/sending/senders/delete-sender";
import { getSender } from "@/lib/sending/senders/get-sender";
import { listSenders } from "@/lib/sending/senders/list-senders";
import { getSenderStatus } from "@/lib/sending/senders/sender-status";
import { setSenderStatus } from "@/lib/sending/senders/set-sender-status";
import { updateSender } from "@/lib/sending/senders/update-sender";
import { expectAppError, expectFieldError } from "@/tests/fixtures/expect-error";
import { addMember, createOrgWithOwner } from "@/tests/fixtures/factories";
import { seedQueuedCampaign } from "@/tests/fixtures/messages";

const newsletter = { channel: "email" as const, fromName: "Acme News", fromEmail: "news@acme.test", ratePerSecond: 2.5, dailyCap: 2000 };

async function countToday(senderId: string, sent: number, dayOffset = 0) {
  await db.insert(senderDailyCounts).values({ senderId, day: sql`(now() at time zone 'utc')::date + ${dayOffset}::int`, sent });
}

describe("senders", () => {
  it("creates an e-mail sender on the org's outbox when no connection is given", async () => {
    const { actor } = await createOrgWithOwner();
    const s = await createSender(actor, newsletter);
    expect(s).toMatchObject({ channel: "email", from: "Acme News <news@acme.test>", ratePerSecond: 2.5, dailyCap: 2000, status: "active", connectionKind: "outbox", connectionName: OUTBOX_CONNECTION_NAME });
    const again = await createSender(actor, { ...newsletter, fromEmail: "hello@acme.test" });
    expect(again.connectionId).toBe(s.connectionId);
    expect(await getSender(actor, { id: s.id })).toEqual(s);
  });

  it("updates the given fields, re-validates the whole and keeps the channel", async () => {
    const { actor } = await createOrgWithOwner();
    const s = await createSender(actor, newsletter);
    const u = await updateSender(actor, { id: s.id, ratePerSecond: "0.5", dailyCap: "100" });
    expect(u).toMatchObject({ ratePerSecond: 0.5, dailyCap: 100, fromEmail: "news@acme.test", fromName: "Acme News" });
    const kept = await updateSender(actor, { id: s.id, channel: "sms", smsSenderId: "Acme" } as never);
    expect(kept).toMatchObject({ channel: "email", smsSenderId: null });
    await expectFieldError(updateSender(actor, { id: s.id, fromEmail: "nope" }), "fromEmail");
    expect((await getSender(actor, { id: s.id })).fromEmail).toBe("news@acme.test");
  });

  it("pauses and resumes; resuming a failing sender makes it active again", async () => {
    const { actor } = await createOrgWithOwner();
    const s = await createSender(actor, newsletter);
    expect((await setSenderStatus(actor, { id: s.id, status: "paused" })).status).toBe("paused");
    expect((await getSenderStatus(actor, { id: s.id })).health).toBe("paused");
    await db.update(senders).set({ status: "failing", lastError: "SendGrid answered 401", lastErrorAt: new Date() }).where(eq(senders.id, s.id));
    const edited = await updateSender(actor, { id: s.id, dailyCap: 50 });
    expect(edited.status).toBe("failing");
    const status = await getSenderStatus(actor, { id: s.id });
    expect(status).toMatchObject({ health: "failing", sender: { lastError: "SendGrid answered 401" } });
    const resumed = await setSenderStatus(actor, { id: s.id, status: "active" });
    expect(resumed.status).toBe("active");
  });

  it("reports sent today against the cap for the current UTC day only", async () => {
    const { actor } = await createOrgWithOwner();
    const s = await createSender(actor, { ...newsletter, dailyCap: 100 });
    expect(await getSenderStatus(actor, { id: s.id })).toMatchObject({ sentToday: 0, remainingToday: 100, health: "healthy", recentActivity: [] });
    await countToday(s.id, 500, -1);
    await countToday(s.id, 40);
    expect(await getSenderStatus(actor, { id: s.id })).toMatchObject({ sentToday: 40, remainingToday: 60, health: "healthy" });
    await db.update(senderDailyCounts).set({ sent: 100 }).where(and(eq(senderDailyCounts.senderId, s.id), eq(senderDailyCounts.sent, 40)));
    expect(await getSenderStatus(actor, { id: s.id })).toMatchObject({ sentToday: 100, remainingToday: 0, health: "at_cap" });
    const [listed] = await listSenders(actor);
    expect(listed).toMatchObject({ id: s.id, sentToday: 100, health: "at_cap", connectionKind: "outbox" });
  });

  it("lists by channel", async () => {
    const { actor } = await createOrgWithOwner();
    await createSender(actor, newsletter);
    await createSender(actor, { channel: "sms", smsSenderId: "Acme", ratePerSecond: 1, dailyCap: 10 });
    expect((await listSenders(actor)).map((s) => s.channel)).toEqual(["email", "sms"]);
    expect((await listSenders(actor, { channel: "sms" })).map((s) => s.from)).toEqual(["Acme"]);
  });

  it("deletes a sender", async () => {
    const { actor } = await createOrgWithOwner();
    const s = await createSender(actor, newsletter);
    await countToday(s.id, 3);
    await deleteSender(actor, { id: s.id });
    await expectAppError(getSender(actor, { id: s.id }), "NOT_FOUND");
  });

  it("refuses to delete a sender with unsent messages or in an unfinished campaign's pool; once done, its sticky assignments go with it", async () => {
    const { org, actor } = await createOrgWithOwner(undefined, { plan: "premium" });
    const seeded = await seedQueuedCampaign({ orgId: org.id, count: 2 });
    const id = seeded.sender.id;
    await db.insert(contactSenders).values(seeded.contactIds.map((contactId) => ({ orgId: org.id, contactId, channel: "email" as const, senderId: id })));
    expect((await expectAppError(deleteSender(actor, { id }), "CONFLICT")).message).toMatch(/waiting to go out/);

    await db.update(messages).set({ status: "sent" }).where(eq(messages.campaignId, seeded.campaign.id));
    await db.update(campaigns).set({ senderIds: [id], status: "paused" }).where(eq(campaigns.id, seeded.campaign.id));
    expect((await expectAppError(deleteSender(actor, { id }), "CONFLICT")).message).toMatch(/pool of a campaign/);

    await db.update(campaigns).set({ status: "sent" }).where(eq(campaigns.id, seeded.campaign.id));
    await deleteSender(actor, { id });
    expect(await db.select().from(contactSenders).where(eq(contactSenders.senderId, id))).toEqual([]);
    // The sent messages stay in the log, their sender emptied.
    const rows = await db.select({ senderId: messages.senderId }).from(messages).where(eq(messages.campaignId, seeded.campaign.id));
    expect(rows).toEqual([{ senderId: null }, { senderId: null }]);
  });

  it("lets members look but not create, change, pause or delete", async () => {
    const { org, actor } = await createOrgWithOwner();
    const s = await createSender(actor, newsletter);
    const { actor: member } = await addMember(org.id, "member");
    const { actor: admin } = await addMember(org.id, "admin");
    await expectAppError(createSender(member, newsletter), "FORBIDDEN");
    await expectAppError(updateSender(member, { id: s.id, dailyCap: 1 }), "FORBIDDEN");
    await expectAppError(setSenderStatus(member, { id: s.id, status: "paused" }), "FORBIDDEN");
    await expectAppError(deleteSender(member, { id: s.id }), "FORBIDDEN");
    expect((await listSenders(member)).map((x) => x.id)).toEqual([s.id]);
    expect((await getSenderStatus(member, { id: s.id })).sender.id).toBe(s.id);
    await updateSender(admin, { id: s.id, dailyCap: 10 });
  });

  it("answers another org's sender or connection with NOT_FOUND everywhere", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    const theirConn = await createConnection(b.actor, { kind: "outbox", name: "theirs" });
    const theirs = await createSender(b.actor, { ...newsletter, connectionId: theirConn.id });
    const mine = await createSender(a.actor, newsletter);
    await expectAppError(getSender(a.actor, { id: theirs.id }), "NOT_FOUND");
    await expectAppError(getSenderStatus(a.actor, { id: theirs.id }), "NOT_FOUND");
    await expectAppError(updateSender(a.actor, { id: theirs.id, dailyCap: 1 }), "NOT_FOUND");
    await expectAppError(setSenderStatus(a.actor, { id: theirs.id, status: "paused" }), "NOT_FOUND");
    await expectAppError(deleteSender(a.actor, { id: theirs.id }), "NOT_FOUND");
    // A sender can never send through another org's connection.
    await expectAppError(createSender(a.actor, { ...newsletter, connectionId: theirConn.id }), "NOT_FOUND");
    await expectAppError(updateSender(a.actor, { id: mine.id, connectionId: theirConn.id }), "NOT_FOUND");
    expect((await listSenders(a.actor)).map((s) => s.id)).toEqual([mine.id]);
    expect((await getSender(b.actor, { id: theirs.id })).dailyCap).toBe(2000);
  });
});
