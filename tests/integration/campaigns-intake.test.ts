import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, query } from "@/db";
import { campaigns, contactSenders, contacts, creditLedger, orgs, templates } from "@/db/schema";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { reviewCampaign } from "@/lib/campaigns/review-campaign";
import { computeSendTime } from "@/lib/campaigns/schedule/compute-send-time";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import { createSender } from "@/lib/sending/senders/create-sender";
import { setSenderStatus } from "@/lib/sending/senders/set-sender-status";
import {
  addContacts,
  campaignOrg,
  emailSender,
  emailTemplate,
  listOf,
  messagesOf,
  readyEmailCampaign,
  segmentOf,
  sentToday,
  smsTemplate,
  suppress,
} from "../fixtures/campaigns";
import { expectAppError } from "../fixtures/expect-error";

// Far enough ahead that dispatch (running in-process) never finds these rows due.
const LATER = { startAt: "2099-01-05T09:00:00Z" };
const lists = (listIds: string[], more: Partial<{ segmentIds: string[]; excludeListIds: string[]; excludeSegmentIds: string[] }> = {}) => ({
  listIds,
  segmentIds: [],
  excludeListIds: [],
  excludeSegmentIds: [],
  ...more,
});

async function stickyOf(contactIds: number[]) {
  const rows = await db.select().from(contactSenders).where(sql`${contactSenders.contactId} IN (${sql.join(contactIds.map((id) => sql`${id}`), sql`, `)})`);
  return new Map(rows.map((r) => [r.contactId, r.senderId]));
}

describe("intake: who gets a message", () => {
  it("writes one row per recipient, deduped across lists, leaving out statuses, suppressions and missing addresses", async () => {
    const { actor, org } = await campaignOrg();
    const [both, one, unsub, bounced, pending, suppressed, leftList, phoneOnly] = await addContacts(org.id, [
      { firstName: "Both" },
      { firstName: "One", email: "one@example.test" },
      { status: "unsubscribed" },
      { status: "bounced" },
      { status: "pending" },
      { email: "blocked@example.test" },
      {},
      { email: null, phone: "+14155550100" },
    ]);
    await suppress(org.id, "email", "Blocked@Example.test");
    const l1 = await listOf(actor, [both, one, unsub, bounced, pending, suppressed, phoneOnly]);
    const l2 = await listOf(actor, [both]);
    const l3 = await listOf(actor, [leftList], "unsubscribed");
    const { campaign, template, sender } = await readyEmailCampaign(actor, { contactIds: [], input: { audience: lists([l1, l2, l3]), schedule: LATER } });

    const review = await reviewCampaign(actor, { id: campaign.id });
    expect(review).toEqual({ recipients: 2, suppressed: 1, excludedByStatus: 3, moved: 0, skippedOutsideHours: 0, skippedWindowPassed: 0, bySender: [{ senderId: sender.id, count: 2 }], problems: [] });

    const { campaign: launched, queued } = await launchCampaign(actor, { id: campaign.id });
    expect(queued).toBe(2);
    const rows = await messagesOf(campaign.id);
    expect(rows.map((r) => r.contact_id)).toEqual([both, one]);
    expect(rows[1]).toMatchObject({ to_address: "one@example.test", status: "queued", sender_id: sender.id, moved: false, expires_at: null });
    expect(rows[0].scheduled_for.toISOString()).toBe("2099-01-05T09:00:00.000Z");
    expect(launched).toMatchObject({
      status: "scheduled",
      totalCount: 2,
      queuedCount: 2,
      suppressedCount: 4,
      skippedCount: 0,
      content: { subject: template.subject, html: template.html, text: null, smsBody: null },
      links: ["https://example.com/offer"],
      progress: { total: 2, queued: 2, sent: 0, failed: 0, cancelled: 0 },
    });
    expect(launched.launchedAt).toBeInstanceOf(Date);
    // Messages are never queued twice.
    await expectAppError(launchCampaign(actor, { id: campaign.id }), "CONFLICT");
    expect(await messagesOf(campaign.id)).toHaveLength(2);
  });

  it("unions lists and segments and takes exclusions away", async () => {
    const { actor, org } = await campaignOrg();
    const [inList, vip, both, excludedByList, churnedVip, neither] = await addContacts(org.id, [
      {},
      { tags: ["vip"] },
      { tags: ["vip"] },
      {},
      { tags: ["vip", "churned"] },
      { tags: ["other"] },
    ]);
    const list = await listOf(actor, [inList, both, excludedByList]);
    const blocked = await listOf(actor, [excludedByList], "unsubscribed");
    const vips = await segmentOf(actor, { match: "all", rules: [{ field: "tag", op: "is", value: "vip" }] });
    const churned = await segmentOf(actor, { match: "all", rules: [{ field: "tag", op: "is", value: "churned" }] });
    const { campaign } = await readyEmailCampaign(actor, {
      contactIds: [],
      input: { audience: lists([list], { segmentIds: [vips], excludeListIds: [blocked], excludeSegmentIds: [churned] }), schedule: LATER },
    });
    expect((await reviewCampaign(actor, { id: campaign.id })).recipients).toBe(3);
    await launchCampaign(actor, { id: campaign.id });
    expect((await messagesOf(campaign.id)).map((m) => m.contact_id)).toEqual([inList, vip, both]);
    expect((await messagesOf(campaign.id)).map((m) => m.contact_id)).not.toContain(churnedVip);
    expect((await messagesOf(campaign.id)).map((m) => m.contact_id)).not.toContain(neither);

    // A segment alone is an audience too.
    const segOnly = await createCampaign(actor, { ...pick(campaign), name: "Segment only", audience: lists([], { segmentIds: [vips] }) });
    expect((await reviewCampaign(actor, { id: segOnly.id })).recipients).toBe(3);
  });

  it("sends SMS campaigns to phones only, without click targets or a postal address", async () => {
    const { actor, org } = await campaignOrg({ postalAddress: null });
    const [withPhone, emailOnly] = await addContacts(org.id, [{ phone: "+14155550101" }, { phone: null }]);
    const list = await listOf(actor, [withPhone, emailOnly]);
    const template = await smsTemplate(actor);
    const sender = await createSender(actor, { channel: "sms", smsSenderId: "Acme", ratePerSecond: 1, dailyCap: 100 });
    const c = await createCampaign(actor, { name: "SMS", channel: "sms", templateId: template.id, audience: lists([list]), senderIds: [sender.id], schedule: LATER });
    const { campaign, queued } = await launchCampaign(actor, { id: c.id });
    expect(queued).toBe(1);
    expect(campaign).toMatchObject({ links: [], content: { smsBody: template.smsBody, html: null } });
    expect((await messagesOf(c.id))[0]).toMatchObject({ contact_id: withPhone, to_address: "+14155550101" });
  });
});

const pick = (c: { channel: "email" | "sms"; templateId: string | null; senderIds: string[] }) => ({ channel: c.channel, templateId: c.templateId, senderIds: c.senderIds });

describe("intake: refusals", () => {
  it("refuses an e-mail campaign while the org has no postal address, naming the Settings page", async () => {
    const { actor, org } = await campaignOrg({ postalAddress: null });
    const { campaign } = await readyEmailCampaign(actor);
    const e = await expectAppError(launchCampaign(actor, { id: campaign.id }), "VALIDATION");
    expect(e.message).toContain(`Settings (/o/${org.slug}/settings)`);
    expect((await reviewCampaign(actor, { id: campaign.id })).problems).toEqual([e.message]);
    expect(await messagesOf(campaign.id)).toEqual([]);
    const [row] = await db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(row.status).toBe("draft");
  });

  it("refuses without a template, with one of the other channel, without an active sender, or without an audience", async () => {
    const { actor, org } = await campaignOrg();
    const { campaign, template, sender } = await readyEmailCampaign(actor);

    await updateCampaign(actor, { id: campaign.id, templateId: null });
    expect((await expectAppError(launchCampaign(actor, { id: campaign.id }), "VALIDATION")).fields).toHaveProperty("templateId");

    // Only possible by a template changing under the campaign; the launch still checks.
    const sms = await smsTemplate(actor);
    await db.update(campaigns).set({ templateId: sms.id }).where(eq(campaigns.id, campaign.id));
    expect((await expectAppError(launchCampaign(actor, { id: campaign.id }), "VALIDATION")).fields).toHaveProperty("templateId");

    await updateCampaign(actor, { id: campaign.id, templateId: template.id });
    await setSenderStatus(actor, { id: sender.id, status: "paused" });
    const noSender = await expectAppError(launchCampaign(actor, { id: campaign.id }), "VALIDATION");
    expect(noSender.fields).toHaveProperty("senderIds");
    await setSenderStatus(actor, { id: sender.id, status: "active" });

    await updateCampaign(actor, { id: campaign.id, audience: lists([]) });
    expect((await expectAppError(launchCampaign(actor, { id: campaign.id }), "VALIDATION")).fields).toHaveProperty("audience.listIds");

    // An audience whose every member is left out: nobody to send to, nothing written.
    const [gone] = await addContacts(org.id, [{ status: "unsubscribed" }]);
    await updateCampaign(actor, { id: campaign.id, audience: lists([await listOf(actor, [gone])]) });
    const nobody = await expectAppError(launchCampaign(actor, { id: campaign.id }), "VALIDATION");
    expect(nobody.message).toBe("No one in this audience would receive the campaign (1 not subscribed).");
    expect(await messagesOf(campaign.id)).toEqual([]);
  });

  it("refuses a template whose merge tags no longer check out", async () => {
    const { actor } = await campaignOrg();
    const { campaign, template } = await readyEmailCampaign(actor);
    await db.update(templates).set({ html: "<p>{{ contact.attributes.plan }}</p>" }).where(eq(templates.id, template.id));
    const e = await expectAppError(launchCampaign(actor, { id: campaign.id }), "VALIDATION");
    expect(e.message).toContain("needs attention");
  });
});

describe("intake: recipient time and business hours", () => {
  it("schedules each contact in their zone, moves and skips by their hours, and counts both", async () => {
    const { actor, org } = await campaignOrg({ timezone: "America/New_York" });
    const people = [
      { timezone: "Asia/Tokyo" },
      { timezone: "America/New_York", notifyFrom: "10:00", notifyTo: "18:00" },
      { timezone: "Europe/Berlin", notifyFrom: "13:00", notifyTo: "18:00" },
      { timezone: null, notifyFrom: "08:00", notifyTo: "20:00" },
      { timezone: "Not/AZone" },
      { timezone: "Pacific/Kiritimati", notifyFrom: "09:30" },
    ];
    const ids = await addContacts(org.id, people);
    const schedule = { recipientLocalTime: true, respectBusinessHours: true, startLocal: "2099-06-03T09:00", finishLocal: "2099-06-03T12:00" };
    const { campaign } = await readyEmailCampaign(actor, { contactIds: ids, input: { schedule } });

    const expected = people.map((p) =>
      computeSendTime({
        now: new Date(),
        start: null,
        finish: null,
        startLocal: schedule.startLocal,
        finishLocal: schedule.finishLocal,
        recipientLocalTime: true,
        respectBusinessHours: true,
        contactTimezone: p.timezone,
        orgTimezone: "America/New_York",
        notifyFrom: p.notifyFrom ?? null,
        notifyTo: p.notifyTo ?? null,
      }),
    );
    const sends = expected.filter((d) => d.action === "send");
    const review = await reviewCampaign(actor, { id: campaign.id });
    expect(review).toMatchObject({ recipients: sends.length, moved: sends.filter((d) => d.moved).length, skippedOutsideHours: 1, skippedWindowPassed: 0, problems: [] });
    expect(review.moved).toBe(2);

    const { campaign: launched } = await launchCampaign(actor, { id: campaign.id });
    expect(launched).toMatchObject({ status: "scheduled", skippedCount: 1, movedCount: 2, totalCount: 5 });
    const rows = new Map((await messagesOf(campaign.id)).map((m) => [m.contact_id, m]));
    ids.forEach((id, i) => {
      const d = expected[i];
      if (d.action === "skip") return expect(rows.has(id)).toBe(false);
      expect({ at: rows.get(id)!.scheduled_for.toISOString(), moved: rows.get(id)!.moved }).toEqual({ at: d.at.toISOString(), moved: d.moved });
    });
    // The finish in each contact's own reading: 12:00 in Tokyo is 03:00Z.
    expect(rows.get(ids[0])!.expires_at?.toISOString()).toBe("2099-06-03T03:00:00.000Z");
  });

  it("skips contacts whose local finish has already passed when launched late", async () => {
    const { actor, org } = await campaignOrg();
    const ids = await addContacts(org.id, [{ timezone: "Pacific/Kiritimati" }, { timezone: "Pacific/Pago_Pago" }]);
    // One hour from now as a wall-clock time: long past on Kiritimati (UTC+14), ahead on Pago Pago (UTC-11).
    const finishLocal = new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);
    const { campaign } = await readyEmailCampaign(actor, { contactIds: ids, input: { schedule: { recipientLocalTime: true, finishLocal } } });
    const review = await reviewCampaign(actor, { id: campaign.id });
    expect(review).toMatchObject({ recipients: 1, skippedWindowPassed: 1 });
  });
});

describe("intake: sticky senders", () => {
  it("keeps a contact's first sender, even paused or out of the pool, and spreads new contacts over the active pool", async () => {
    const { actor, org } = await campaignOrg();
    const template = await emailTemplate(actor);
    const [a, b] = [await emailSender(actor), await emailSender(actor)];
    const first = await addContacts(org.id, Array.from({ length: 6 }, () => ({})));
    const c1 = await createCampaign(actor, { name: "One", channel: "email", templateId: template.id, audience: lists([await listOf(actor, first)]), senderIds: [a.id, b.id], schedule: LATER });
    const r1 = await reviewCampaign(actor, { id: c1.id });
    expect(r1.bySender.map((s) => s.count)).toEqual([3, 3]);
    await launchCampaign(actor, { id: c1.id });
    const sticky = await stickyOf(first);
    expect([...sticky.values()].filter((s) => s === a.id)).toHaveLength(3);
    const rows1 = await messagesOf(c1.id);
    for (const m of rows1) expect(m.sender_id).toBe(sticky.get(m.contact_id));

    // A is paused and the next campaign's pool is only B: A's contacts still wait for A.
    await setSenderStatus(actor, { id: a.id, status: "paused" });
    const fresh = await addContacts(org.id, [{}, {}]);
    const c2 = await createCampaign(actor, { name: "Two", channel: "email", templateId: template.id, audience: lists([await listOf(actor, [...first, ...fresh])]), senderIds: [b.id], schedule: LATER });
    await launchCampaign(actor, { id: c2.id });
    const rows2 = await messagesOf(c2.id);
    for (const m of rows2) expect(m.sender_id).toBe(fresh.includes(m.contact_id) ? b.id : sticky.get(m.contact_id));
    expect((await stickyOf(fresh)).get(fresh[0])).toBe(b.id);
  });

  it("gives a contact new to two campaigns launched at the same moment one sender for both", async () => {
    const { actor, org } = await campaignOrg();
    const template = await emailTemplate(actor);
    const [a, b] = [await emailSender(actor), await emailSender(actor)];
    const people = await addContacts(org.id, Array.from({ length: 20 }, () => ({})));
    const list = await listOf(actor, people);
    const one = await createCampaign(actor, { name: "A", channel: "email", templateId: template.id, audience: lists([list]), senderIds: [a.id], schedule: LATER });
    const two = await createCampaign(actor, { name: "B", channel: "email", templateId: template.id, audience: lists([list]), senderIds: [b.id], schedule: LATER });
    await Promise.all([launchCampaign(actor, { id: one.id }), launchCampaign(actor, { id: two.id })]);
    const sticky = await stickyOf(people);
    expect(sticky.size).toBe(20);
    // Whichever launched first assigned everyone; the other followed its assignments.
    for (const m of [...(await messagesOf(one.id)), ...(await messagesOf(two.id))]) expect(m.sender_id).toBe(sticky.get(m.contact_id));
  });

  it("fills the least busy sender first (water-filling by sent today)", async () => {
    const { actor, org } = await campaignOrg();
    const [busy, idle] = [await emailSender(actor), await emailSender(actor)];
    await sentToday(busy.id, 5);
    const ids = await addContacts(org.id, Array.from({ length: 9 }, () => ({})));
    const { campaign } = await readyEmailCampaign(actor, { contactIds: ids, input: { senderIds: [busy.id, idle.id], schedule: LATER } });
    const review = await reviewCampaign(actor, { id: campaign.id });
    // The idle one takes 5 to catch up, then the remaining 4 alternate.
    expect(new Map(review.bySender.map((s) => [s.senderId, s.count]))).toEqual(new Map([[idle.id, 7], [busy.id, 2]]));
  });
});

describe("intake: Hobby credits", () => {
  async function hobby(credits: number) {
    const made = await campaignOrg({ plan: "hobby" });
    await db.update(orgs).set({ credits }).where(eq(orgs.id, made.org.id));
    return made;
  }
  const creditsOf = async (orgId: string) => (await db.select({ c: orgs.credits }).from(orgs).where(eq(orgs.id, orgId)))[0].c;

  it("takes exactly one credit per queued message, in the launch", async () => {
    const { actor, org } = await hobby(5);
    const { campaign } = await readyEmailCampaign(actor, { people: 3, input: { schedule: LATER } });
    await launchCampaign(actor, { id: campaign.id });
    expect(await creditsOf(org.id)).toBe(2);
    const ledger = await db.select().from(creditLedger).where(and(eq(creditLedger.orgId, org.id), eq(creditLedger.key, `campaign:${campaign.id}`)));
    expect(ledger).toMatchObject([{ kind: "use", delta: -3, balanceAfter: 2 }]);
  });

  it("refuses with too few credits and writes nothing at all", async () => {
    const { actor, org } = await hobby(2);
    const { campaign, contactIds } = await readyEmailCampaign(actor, { people: 3 });
    expect((await reviewCampaign(actor, { id: campaign.id })).problems).toEqual([`This campaign needs 3 credits; you have 2. Upgrade for more: /o/${org.slug}/billing`]);
    const e = await expectAppError(launchCampaign(actor, { id: campaign.id }), "INSUFFICIENT_CREDITS");
    expect(e.message).toMatch(/^Insufficient credits\. This campaign needs 3 credits; you have 2\. Upgrade for more: \/o\/.+\/billing$/);
    expect(await messagesOf(campaign.id)).toEqual([]);
    expect(await stickyOf(contactIds)).toEqual(new Map());
    expect(await creditsOf(org.id)).toBe(2);
    const [row] = await db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(row).toMatchObject({ status: "draft", totalCount: 0, content: null });
  });

  it("charges nothing up front on a paid plan", async () => {
    const { actor, org } = await campaignOrg({ plan: "basic" });
    await db.update(orgs).set({ credits: 0 }).where(eq(orgs.id, org.id));
    const { campaign } = await readyEmailCampaign(actor, { people: 2, input: { schedule: LATER } });
    expect((await launchCampaign(actor, { id: campaign.id })).queued).toBe(2);
    expect(await db.select().from(creditLedger).where(and(eq(creditLedger.orgId, org.id), eq(creditLedger.kind, "use")))).toEqual([]);
  });
});

describe("intake: the statement", () => {
  it("is one INSERT per launch: the count of rows matches and no per-message event is written", async () => {
    const { actor, org } = await campaignOrg();
    const ids = await addContacts(org.id, Array.from({ length: 250 }, (_, i) => ({ timezone: i % 2 ? "Asia/Tokyo" : null })));
    const { campaign } = await readyEmailCampaign(actor, { contactIds: ids, input: { schedule: LATER } });
    const { queued } = await launchCampaign(actor, { id: campaign.id });
    expect(queued).toBe(250);
    const [{ n }] = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM message_events e JOIN messages m ON m.id = e.message_id WHERE m.campaign_id = ${campaign.id}`);
    expect(n).toBe(0);
    const [{ s }] = await query<{ s: number }>(sql`SELECT count(DISTINCT sender_id)::int AS s FROM messages WHERE campaign_id = ${campaign.id}`);
    expect(s).toBe(1);
    expect((await db.select().from(contacts).where(eq(contacts.orgId, org.id))).length).toBe(250);
  });
});
