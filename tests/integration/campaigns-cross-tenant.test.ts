import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { campaigns } from "@/db/schema";
import { cancelCampaign } from "@/lib/campaigns/cancel-campaign";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { deleteCampaign } from "@/lib/campaigns/delete-campaign";
import { duplicateCampaign } from "@/lib/campaigns/duplicate-campaign";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { pauseCampaign } from "@/lib/campaigns/pause-campaign";
import { can, type CampaignPermission } from "@/lib/campaigns/permissions";
import { resumeCampaign } from "@/lib/campaigns/resume-campaign";
import { reviewCampaign } from "@/lib/campaigns/review-campaign";
import { sendCampaignTest } from "@/lib/campaigns/send-campaign-test";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import { ROLES } from "@/lib/orgs/actor";
import { addContacts, campaignOrg, emailSender, emailTemplate, listOf, messagesOf, readyEmailCampaign, segmentOf } from "../fixtures/campaigns";
import { expectAppError } from "../fixtures/expect-error";
import { addMember } from "../fixtures/factories";

const LATER = { startAt: "2099-01-05T09:00:00Z" };

describe("campaigns across tenants", () => {
  it("answers NOT_FOUND for another org's campaign in every operation and changes nothing", async () => {
    const a = await campaignOrg();
    const b = await campaignOrg();
    const { campaign: draft } = await readyEmailCampaign(a.actor, { input: { schedule: LATER } });
    const { campaign: running } = await readyEmailCampaign(a.actor, { input: { schedule: LATER } });
    await launchCampaign(a.actor, { id: running.id });
    const before = await db.select().from(campaigns).where(eq(campaigns.orgId, a.org.id));

    const ops: [string, (id: string) => Promise<unknown>][] = [
      ["get", (id) => getCampaign(b.actor, { id })],
      ["update", (id) => updateCampaign(b.actor, { id, name: "Mine now" })],
      ["delete", (id) => deleteCampaign(b.actor, { id })],
      ["duplicate", (id) => duplicateCampaign(b.actor, { id })],
      ["review", (id) => reviewCampaign(b.actor, { id })],
      ["launch", (id) => launchCampaign(b.actor, { id })],
      ["pause", (id) => pauseCampaign(b.actor, { id })],
      ["resume", (id) => resumeCampaign(b.actor, { id })],
      ["cancel", (id) => cancelCampaign(b.actor, { id })],
      ["test", (id) => sendCampaignTest(b.actor, { id, to: "x@example.test" })],
    ];
    for (const id of [draft.id, running.id]) {
      for (const [name, op] of ops) {
        const e = await expectAppError(op(id), "NOT_FOUND");
        expect(e.message, name).toBe("That campaign does not exist in this organization.");
      }
    }
    expect((await listCampaigns(b.actor)).items).toEqual([]);
    expect(await db.select().from(campaigns).where(eq(campaigns.orgId, a.org.id))).toEqual(before);
    expect(await messagesOf(running.id)).toHaveLength(3);
    expect((await db.select().from(campaigns).where(eq(campaigns.orgId, b.org.id))).length).toBe(0);
  });

  it("refuses another org's lists, segments, senders and template, naming the field", async () => {
    const a = await campaignOrg();
    const b = await campaignOrg();
    const theirs = {
      list: await listOf(a.actor, await addContacts(a.org.id, [{}])),
      segment: await segmentOf(a.actor, { match: "all", rules: [{ field: "tag", op: "is", value: "vip" }] }),
      sender: (await emailSender(a.actor)).id,
      template: (await emailTemplate(a.actor)).id,
    };
    const mine = await createCampaign(b.actor, { name: "Mine", channel: "email" });
    const empty = { listIds: [], segmentIds: [], excludeListIds: [], excludeSegmentIds: [] };
    const attempts: [string, Record<string, unknown>][] = [
      ["templateId", { templateId: theirs.template }],
      ["senderIds", { senderIds: [theirs.sender] }],
      ["audience.listIds", { audience: { ...empty, listIds: [theirs.list] } }],
      ["audience.excludeListIds", { audience: { ...empty, excludeListIds: [theirs.list] } }],
      ["audience.segmentIds", { audience: { ...empty, segmentIds: [theirs.segment] } }],
      ["audience.excludeSegmentIds", { audience: { ...empty, excludeSegmentIds: [theirs.segment] } }],
    ];
    for (const [field, change] of attempts) {
      const created = await expectAppError(createCampaign(b.actor, { name: "X", channel: "email", ...change }), "NOT_FOUND");
      expect(created.fields, field).toHaveProperty(field);
      const updated = await expectAppError(updateCampaign(b.actor, { id: mine.id, ...change }), "NOT_FOUND");
      expect(updated.fields, field).toHaveProperty(field);
    }
    expect((await getCampaign(b.actor, { id: mine.id })).templateId).toBeNull();
  });

  it("never sends to another org's contacts, even through a sticky assignment", async () => {
    const a = await campaignOrg();
    const b = await campaignOrg();
    const { campaign: ca } = await readyEmailCampaign(a.actor, { people: 2, input: { schedule: LATER } });
    await launchCampaign(a.actor, { id: ca.id });
    const { campaign: cb, sender, contactIds } = await readyEmailCampaign(b.actor, { people: 2, input: { schedule: LATER } });
    await launchCampaign(b.actor, { id: cb.id });
    const rows = await messagesOf(cb.id);
    expect(rows.map((r) => r.contact_id)).toEqual(contactIds);
    expect(rows.every((r) => r.sender_id === sender.id)).toBe(true);
  });
});

describe("campaign roles", () => {
  it("lets every role view, edit, launch and control campaigns", () => {
    const permissions: CampaignPermission[] = ["view", "edit", "launch", "control", "delete"];
    for (const role of ROLES) for (const p of permissions) expect(can(role, p), `${role} ${p}`).toBe(true);
  });

  it("lets a member run a campaign from draft to cancelled", async () => {
    const { org, actor: owner } = await campaignOrg();
    const { actor } = await addMember(org.id, "member");
    const { campaign } = await readyEmailCampaign(owner, { input: { schedule: LATER } });
    await updateCampaign(actor, { id: campaign.id, name: "By a member" });
    expect((await reviewCampaign(actor, { id: campaign.id })).recipients).toBe(3);
    await launchCampaign(actor, { id: campaign.id });
    await pauseCampaign(actor, { id: campaign.id });
    await resumeCampaign(actor, { id: campaign.id });
    expect((await cancelCampaign(actor, { id: campaign.id })).status).toBe("cancelled");
    const copy = await duplicateCampaign(actor, { id: campaign.id });
    await deleteCampaign(actor, { id: copy.id });
  });
});
