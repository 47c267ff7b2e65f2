import { eq } from "drizzle-orm";
import { db } from "@/db";
import { orgs } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { requireBillingOwner } from "./permissions";
import { requireStripe } from "./stripe-client";

/** "Manage billing": a Stripe customer portal session for the org's customer. Returns its URL. */
export async function openBillingPortal(actor: Actor): Promise<{ url: string }> {
  requireBillingOwner(actor, "manage billing");
  const stripe = requireStripe();
  const [org] = await db.select({ slug: orgs.slug, customerId: orgs.stripeCustomerId }).from(orgs).where(eq(orgs.id, actor.orgId));
  if (!org?.customerId) throw new AppError("CONFLICT", "There is nothing to manage yet: upgrade to a paid plan first.");
  const session = await stripe.billingPortal.sessions.create({ customer: org.customerId, return_url: `${appUrl()}/o/${org.slug}/billing` });
  return { url: session.url };
}
