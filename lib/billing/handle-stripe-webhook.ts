import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db";
import { orgs, stripeEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { dispatchSystemEmails } from "@/lib/mail/queue-system-email";
import type { QueuedEmail } from "@/lib/notifications/raise-notification";
import { applyBillingState } from "./apply-billing-state";
import { billingEnv } from "./config";
import { requireStripe } from "./stripe-client";
import { customerOf, stateFromSubscriptions } from "./stripe-state";

export const HANDLED_EVENTS = new Set([
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
]);

export type WebhookOutcome =
  | { status: "applied"; orgId: string; plan: string }
  | { status: "duplicate" | "ignored"; reason: string };

class AlreadyProcessed extends Error {}

/**
 * Stripe's webhook: verify the signature over the raw body, apply each event id once, and for
 * the billing events re-read the customer's subscriptions from Stripe and sync the org (the
 * payload is trusted for nothing but the customer id, so events in any order end in Stripe's
 * current state). Throws BAD_REQUEST for a bad signature; any other throw is a processing
 * failure, answered 5xx so Stripe retries, with the event left unrecorded.
 */
export async function handleStripeWebhook(rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  const stripe = requireStripe();
  const secret = billingEnv().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new AppError("BAD_REQUEST", "Stripe webhooks are not configured: set STRIPE_WEBHOOK_SECRET.");
  if (!signature) throw new AppError("BAD_REQUEST", "Missing Stripe-Signature header.");
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    throw new AppError("BAD_REQUEST", "Invalid Stripe signature.");
  }

  const [seen] = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
  if (seen) return { status: "duplicate", reason: "event already processed" };

  if (!HANDLED_EVENTS.has(event.type)) {
    await db.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing();
    return { status: "ignored", reason: `unhandled type ${event.type}` };
  }
  const customerId = customerOf(event.data.object);
  const [org] = customerId ? await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.stripeCustomerId, customerId)) : [];
  // Not ours (another app on the account, or a forged customer): acknowledge, change nothing.
  if (!org || !customerId) return { status: "ignored", reason: "unknown customer" };

  // Outside the transaction: no row lock is held while Stripe answers.
  const subs = await stripe.subscriptions.list({ customer: customerId, status: "all", limit: 20 });
  const state = stateFromSubscriptions(subs.data);

  let emails: QueuedEmail[] = [];
  try {
    await db.transaction(async (tx) => {
      const [claimed] = await tx.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.id });
      if (!claimed) throw new AlreadyProcessed();
      const applied = await applyBillingState(tx, {
        orgId: org.id,
        provider: "stripe",
        state,
        paymentFailed: event.type === "invoice.payment_failed",
      });
      emails = applied.emails;
    });
  } catch (e) {
    if (e instanceof AlreadyProcessed) return { status: "duplicate", reason: "processed concurrently" };
    throw e;
  }
  await dispatchSystemEmails(emails);
  return { status: "applied", orgId: org.id, plan: state.plan };
}
