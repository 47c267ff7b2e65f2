"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { orgAction } from "@/app/_lib/action";
import { adjustCredits, adjustCreditsSchema } from "@/lib/billing/adjust-credits";
import { cancelScheduledChange } from "@/lib/billing/cancel-scheduled-change";
import { changePlan } from "@/lib/billing/change-plan";
import { openBillingPortal } from "@/lib/billing/open-billing-portal";
import { planChoiceSchema } from "@/lib/billing/schemas";

const refresh = (slug: string) => revalidatePath(`/o/${slug}/billing`);

export const changePlanAction = orgAction(planChoiceSchema, async (input, ctx) => {
  const result = await changePlan(ctx.actor, input);
  // Checkout and the portal live on Stripe: leave for them.
  if (result.redirect) redirect(result.redirect);
  refresh(ctx.org.slug);
  return { ok: true, message: result.message };
});

export const manageBillingAction = orgAction(z.object({}), async (_input, ctx) => {
  const { url } = await openBillingPortal(ctx.actor);
  redirect(url);
});

export const cancelScheduledChangeAction = orgAction(z.object({}), async (_input, ctx) => {
  const { message } = await cancelScheduledChange(ctx.actor);
  refresh(ctx.org.slug);
  return { ok: true, message };
});

export const adjustCreditsAction = orgAction(adjustCreditsSchema, async (input, ctx) => {
  const { balance } = await adjustCredits(ctx.actor, input);
  refresh(ctx.org.slug);
  return { ok: true, message: `Credits adjusted. The balance is now ${balance.toLocaleString("en-US")}.` };
});
