import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { db } from "@/db";
import { campaigns, creditLedger, orgs } from "@/db/schema";
import { getRunner } from "@/inngest/runner";
import { cancelCampaign } from "@/lib/campaigns/cancel-campaign";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { deleteCampaign } from "@/lib/campaigns/delete-campaign";
import { duplicateCampaign, freshSchedule } from "@/lib/campaigns/duplicate-campaign";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { pauseCampaign } from "@/lib/campaigns/pause-campaign";
import { resumeCampaign } from "@/lib/campaigns/resume-campaign";
import { sendCampaignTest } from "@/lib/campaigns/send-campaign-test";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import type { AppError } from "@/lib/errors";
import { createSender } from "@/lib/sending/senders/create-sender";
import { addContacts, campaignOrg, emailSender, emailTemplate, listOf, messagesOf, readyEmailCampaign, smsTemplate, suppress } from "../fixtures/campaigns";
import { expectAppError, rejectionOf } from "../fixtures/expect-error";
import { lastMessageTo } from "../fixtures/outbox";

const LATER = { startAt: "2099-01-05T09:00:00Z" };

describe("campaign drafts", () => {
  it("creates, reads, edits, lists and deletes a draft", async () => {
    const { actor } = await campaignOrg();
    const template = await emailTemplate(actor);
    const sender = await emailSender(actor);
    const created = await createCampaign(actor, { name: "  Spring sale ", channel: "email", templateId: template.id, senderIds: [sender.id, sender.id] });
    expect(created).toMatchObject({
      name: "Spring sale",
      status: "draft",
      templateName: template.name,
      senderIds: [sender.id],
      senders: [{ id: sender.id, name: sender.from, status: "active" }],
      audience: { listIds: [], segmentIds: [], excludeListIds: [], excludeSegmentIds: [] },
      schedule: { startAt: null, finishAt: null, recipientLocalTime: false, respectBusinessHours: false },
      progress: { total: 0, queued: 0, sent: 0, failed: 0, cancelled: 0 },
      content: null,
    });
    expect(await getCampaign(actor, { id: created.id })).toEqual(created);

    const list = await listOf(actor, []);
    const edited = await updateCampaign(actor, {
      id: created.id,
      audience: { listIds: [list] },
      schedule: { recipientLocalTime: "on", startLocal: "2099-03-01T09:00", finishLocal: "2099-03-01T17:00" },
    });
    expect(edited).toMatchObject({ name: "Spring sale", audience: { listIds: [list] }, schedule: { recipientLocalTime: true, startLocal: "2099-03-01T09:00", respectBusinessHours: false } });

    const bad = await rejectionOf(updateCampaign(actor, { id: created.id, schedule: { startLocal: "2099-03-01T09:00", finishLocal: "2099-03-01T08:00" } }));
    expect(bad).toBeInstanceOf(ZodError);

    const { items } = await listCampaigns(actor, { status: "draft" });
    expect(items.map((c) => c.id)).toEqual([created.id]);
    expect((await listCampaigns(actor, { status: "sent" })).items).toEqual([]);

    await deleteCampaign(actor, { id: created.id });
    await expectAppError(getCampaign(actor, { id: created.id }), "NOT_FOUND");
  });

  it("pages newest first without skipping or repeating", async () => {
    const { actor } = await campaignOrg();
    const made: string[] = [];
    for (let i = 0; i < 53; i++) made.push((await createCampaign(actor, { name: `C${i}`, channel: "email" })).id);
    const first = await listCampaigns(actor);
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).toBeTruthy();
    const second = await listCampaigns(actor, { cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual(made.reverse());
    expect((await listCampaigns(actor, { cursor: "garbage" })).items).toHaveLength(50);
  });

  it("checks the channel of the template and the senders", async () => {
    const { actor } = await campaignOrg();
    const sms = await smsTemplate(actor);
    const smsSender = await createSender(actor, { channel: "sms", smsSenderId: "Acme", ratePerSecond: 1, dailyCap: 10 });
    const t = await expectAppError(createCampaign(actor, { name: "X", channel: "email", templateId: sms.id }), "VALIDATION");
    expect(t.fields).toHaveProperty("templateId");
    const s = await expectAppError(createCampaign(actor, { name: "X", channel: "email", senderIds: [smsSender.id] }), "VALIDATION");
    expect(s.fields).toHaveProperty("senderIds");
  });

  it("edits and deletes drafts only", async () => {
    const { actor } = await campaignOrg();
    const { campaign } = await readyEmailCampaign(actor, { input: { schedule: LATER } });
    await launchCampaign(actor, { id: campaign.id });
    await expectAppError(updateCampaign(actor, { id: campaign.id, name: "Renamed" }), "CONFLICT");
    await expectAppError(deleteCampaign(actor, { id: campaign.id }), "CONFLICT");
    expect((await getCampaign(actor, { id: campaign.id })).name).toBe(campaign.name);
  });
});

describe("duplicating", () => {
  it("copies template, audience, pool and schedule into a new draft", async () => {
    const { actor } = await campaignOrg();
    const { campaign } = await readyEmailCampaign(actor, { input: { schedule: { ...LATER, respectBusinessHours: true } } });
    await launchCampaign(actor, { id: campaign.id });
    const copy = await duplicateCampaign(actor, { id: campaign.id });
    expect(copy).toMatchObject({
      name: `Copy of ${campaign.name}`,
      status: "draft",
      templateId: campaign.templateId,
      audience: campaign.audience,
      senderIds: campaign.senderIds,
      schedule: { startAt: "2099-01-05T09:00:00.000Z", respectBusinessHours: true },
      content: null,
      totalCount: 0,
      launchedAt: null,
    });
    expect(copy.id).not.toBe(campaign.id);
  });

  it("clears schedule times that have passed", () => {
    // 14:00Z is 10:00 in New York: the local start (09:00) has passed, the local finish has not.
    const now = new Date("2026-06-01T14:00:00Z");
    const s = { startAt: "2026-05-01T00:00:00.000Z", finishAt: "2026-07-01T00:00:00.000Z", startLocal: "2026-06-01T09:00", finishLocal: "2026-06-02T09:00", recipientLocalTime: true, respectBusinessHours: false };
    expect(freshSchedule(s, "America/New_York", now)).toEqual({ ...s, startAt: null, startLocal: null });
  });
});

describe("pause, resume, cancel", () => {
  it("moves a scheduled campaign through paused and back, then cancels every unsent message", async () => {
    const { actor } = await campaignOrg();
    const { campaign } = await readyEmailCampaign(actor, { people: 4, input: { schedule: LATER } });
    await expectAppError(pauseCampaign(actor, { id: campaign.id }), "CONFLICT");
    await expectAppError(cancelCampaign(actor, { id: campaign.id }), "CONFLICT");
    await launchCampaign(actor, { id: campaign.id });

    expect((await pauseCampaign(actor, { id: campaign.id })).status).toBe("paused");
    await expectAppError(pauseCampaign(actor, { id: campaign.id }), "CONFLICT");
    // Nothing of it has gone and nothing is due: it is scheduled again.
    expect((await resumeCampaign(actor, { id: campaign.id })).status).toBe("scheduled");
    await expectAppError(resumeCampaign(actor, { id: campaign.id }), "CONFLICT");

    const cancelled = await cancelCampaign(actor, { id: campaign.id });
    expect(cancelled).toMatchObject({ status: "cancelled", progress: { total: 4, queued: 0, cancelled: 4, sent: 0 } });
    expect(cancelled.finishedAt).toBeInstanceOf(Date);
    expect((await messagesOf(campaign.id)).map((m) => m.status)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"]);
    await expectAppError(cancelCampaign(actor, { id: campaign.id }), "CONFLICT");
    await expectAppError(resumeCampaign(actor, { id: campaign.id }), "CONFLICT");
  });

  it("pauses a sending campaign and resumes it to sending", async () => {
    const { actor } = await campaignOrg();
    const { campaign } = await readyEmailCampaign(actor, { people: 2 });
    const { campaign: launched } = await launchCampaign(actor, { id: campaign.id });
    expect(launched.status).toBe("sending");
    // Dispatch runs in-process and may already have sent both messages (the campaign is then sent).
    const outcome = await pauseCampaign(actor, { id: campaign.id }).then(
      (c) => c.status,
      (e: AppError) => e.code,
    );
    if (outcome === "paused") {
      expect((await resumeCampaign(actor, { id: campaign.id })).status).toMatch(/^(sending|sent)$/);
    } else {
      expect(outcome).toBe("CONFLICT");
      expect((await getCampaign(actor, { id: campaign.id })).status).toBe("sent");
    }
    await getRunner().idle();
  });

  it("gives Hobby credits back for the messages a cancel stops, once", async () => {
    const { actor, org } = await campaignOrg({ plan: "hobby" });
    await db.update(orgs).set({ credits: 10 }).where(eq(orgs.id, org.id));
    const { campaign } = await readyEmailCampaign(actor, { people: 3, input: { schedule: LATER } });
    await launchCampaign(actor, { id: campaign.id });
    expect((await db.select().from(orgs).where(eq(orgs.id, org.id)))[0].credits).toBe(7);
    await cancelCampaign(actor, { id: campaign.id });
    expect((await db.select().from(orgs).where(eq(orgs.id, org.id)))[0].credits).toBe(10);
    const refunds = await db.select().from(creditLedger).where(and(eq(creditLedger.orgId, org.id), eq(creditLedger.key, `campaign-cancel:${campaign.id}`)));
    expect(refunds).toMatchObject([{ kind: "refund", delta: 3 }]);
  });
});

describe("send a test", () => {
  it("renders the campaign with the sample contact and sends it through the pool's first sender, marked [Test]", async () => {
    const { actor, org } = await campaignOrg();
    await addContacts(org.id, [{ firstName: "Ada" }]);
    const { campaign, sender } = await readyEmailCampaign(actor, { contactIds: [] });
    const sent = await sendCampaignTest(actor, { id: campaign.id, to: "Tester@Example.test" });
    expect(sent.to).toBe("tester@example.test");
    const m = await lastMessageTo("tester@example.test");
    expect(m).toMatchObject({ channel: "email", subject: "[Test] Hello Ada", from: sender.from });
    expect(m!.html).toContain('href="https://example.com/offer"');
    // The campaign itself is untouched.
    expect(await db.select({ s: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaign.id))).toEqual([{ s: "draft" }]);
  });

  it("sends SMS tests to a phone and refuses suppressed or malformed addresses", async () => {
    const { actor, org } = await campaignOrg();
    const template = await smsTemplate(actor);
    const c = await createCampaign(actor, { name: "SMS", channel: "sms", templateId: template.id });
    await sendCampaignTest(actor, { id: c.id, to: "+1 415 555 0199" });
    expect(await lastMessageTo("+14155550199")).toMatchObject({ channel: "sms", text: "[Test] Hi Jane, sale today." });
    await expectAppError(sendCampaignTest(actor, { id: c.id, to: "not a phone" }), "VALIDATION");
    await suppress(org.id, "sms", "+14155550198");
    await expectAppError(sendCampaignTest(actor, { id: c.id, to: "+14155550198" }), "VALIDATION");
    const bare = await createCampaign(actor, { name: "No template", channel: "email" });
    expect((await expectAppError(sendCampaignTest(actor, { id: bare.id, to: "a@example.test" }), "VALIDATION")).fields).toHaveProperty("templateId");
  });
});
