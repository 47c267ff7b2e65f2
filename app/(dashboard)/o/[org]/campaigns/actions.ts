"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { orgAction } from "@/app/_lib/action";
import { cancelCampaign } from "@/lib/campaigns/cancel-campaign";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { deleteCampaign } from "@/lib/campaigns/delete-campaign";
import { duplicateCampaign } from "@/lib/campaigns/duplicate-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { pauseCampaign } from "@/lib/campaigns/pause-campaign";
import { resumeCampaign } from "@/lib/campaigns/resume-campaign";
import { sendCampaignTest } from "@/lib/campaigns/send-campaign-test";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import { AppError } from "@/lib/errors";
import { campaignFormSchema, toCampaignInput, withFormFields } from "./campaign-form-input";

const base = (slug: string) => `/o/${slug}/campaigns`;
const idSchema = z.object({ id: z.string().min(1) });

export const createCampaignAction = orgAction(campaignFormSchema, async (form, ctx) => {
  const campaign = await withFormFields(() => createCampaign(ctx.actor, toCampaignInput(form, ctx.org.timezone).input));
  revalidatePath(base(ctx.org.slug));
  redirect(`${base(ctx.org.slug)}/${campaign.id}?created=1`);
});

export const updateCampaignAction = orgAction(campaignFormSchema, async (form, ctx) => {
  const { id, input } = toCampaignInput(form, ctx.org.timezone);
  if (!id) throw new AppError("NOT_FOUND", "That campaign does not exist in this organization.");
  await withFormFields(() => updateCampaign(ctx.actor, { id, ...input }));
  revalidatePath(base(ctx.org.slug), "layout");
  return { ok: true, message: "Draft saved. The review below is up to date." };
});

export const deleteCampaignAction = orgAction(idSchema, async (input, ctx) => {
  await deleteCampaign(ctx.actor, input);
  revalidatePath(base(ctx.org.slug));
  redirect(`${base(ctx.org.slug)}?deleted=1`);
});

export const duplicateCampaignAction = orgAction(idSchema, async (input, ctx) => {
  const copy = await duplicateCampaign(ctx.actor, input);
  revalidatePath(base(ctx.org.slug));
  redirect(`${base(ctx.org.slug)}/${copy.id}?duplicated=1`);
});

export const launchCampaignAction = orgAction(idSchema, async (input, ctx) => {
  const { campaign, queued } = await launchCampaign(ctx.actor, input);
  revalidatePath(base(ctx.org.slug), "layout");
  redirect(`${base(ctx.org.slug)}/${campaign.id}?launched=${queued}`);
});

// Status changes swap the buttons (Pause becomes Resume), so the outcome is said on the page
// the action redirects to, not beside a button that is no longer there.
export const pauseCampaignAction = orgAction(idSchema, async (input, ctx) => {
  const campaign = await pauseCampaign(ctx.actor, input);
  revalidatePath(base(ctx.org.slug), "layout");
  redirect(`${base(ctx.org.slug)}/${campaign.id}?done=paused`);
});

export const resumeCampaignAction = orgAction(idSchema, async (input, ctx) => {
  const campaign = await resumeCampaign(ctx.actor, input);
  revalidatePath(base(ctx.org.slug), "layout");
  redirect(`${base(ctx.org.slug)}/${campaign.id}?done=resumed`);
});

export const cancelCampaignAction = orgAction(idSchema, async (input, ctx) => {
  const campaign = await cancelCampaign(ctx.actor, input);
  revalidatePath(base(ctx.org.slug), "layout");
  redirect(`${base(ctx.org.slug)}/${campaign.id}?done=cancelled`);
});

export const sendCampaignTestAction = orgAction(idSchema.extend({ to: z.string().trim().min(1, "Enter an address to send the test to.") }), async (input, ctx) => {
  await sendCampaignTest(ctx.actor, input);
  return { ok: true, message: `Test sent to ${input.to}.` };
});
