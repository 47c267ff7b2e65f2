import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { orgs, subscriptions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { priceIdFor } from "./config";
import { ensureStripeCustomer } from "./ensure-stripe-customer";
import { requireBillingOwner } from "./permissions";
import { getPlan } from "./plans";
import { planChoiceSchema } from "./schemas";
import { requireStripe } from "./stripe-client";

const LIVE = new Set(["active", "trialing", "past_due", "unpaid", "incomplete"]);

/**
 * "Upgrade" from Hobby: a Stripe Checkout Session (subscription mode) for the plan's configured
 * price. Returns the URL to redirect to. An org that already pays changes plan in the portal,
 * so it never ends up with two subscriptions.
 */
export async function startCheckout(actor: Actor, input: z.input<typeof planChoiceSchema>): Promise<{ url: string }> {
  requireBillingOwner(actor, "upgrade the plan");
  const { plan } = planChoiceSchema.parse(input);
  if (plan === "hobby") throw new AppError("VALIDATION", "Hobby is free: there is nothing to check out.", { plan: "Choose a paid plan." });
  const stripe = requireStripe();
  const price = priceIdFor(plan);
  if (!price) throw new AppError("BAD_REQUEST", `The ${getPlan(plan).name} plan has no Stripe price configured (${getPlan(plan).stripePriceEnv}).`);
  const [sub] = await db.select({ status: subscriptions.status, provider: subscriptions.provider }).from(subscriptions).where(eq(subscriptions.orgId, actor.orgId));
  if (sub?.provider === "stripe" && LIVE.has(sub.status)) {
    throw new AppError("CONFLICT", "This organization already has a subscription: change plans in Manage billing.");
  }
  const [org] = await db.select({ slug: orgs.slug }).from(orgs).where(eq(orgs.id, actor.orgId));
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
  const customer = await ensureStripeCustomer(stripe, actor.orgId, user?.email);
  const base = `${appUrl()}/o/${org.slug}/billing`;
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer,
    client_reference_id: actor.orgId,
    line_items: [{ price, quantity: 1 }],
    success_url: `${base}?checkout=success`,
    cancel_url: `${base}?checkout=cancelled`,
    subscription_data: { metadata: { orgId: actor.orgId } },
  });
  if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
  await recordAudit(db, { orgId: actor.orgId, actorId: actor.userId, action: "billing.checkout_started", targetType: "org", targetId: actor.orgId, data: { plan } });
  return { url: session.url };
}
