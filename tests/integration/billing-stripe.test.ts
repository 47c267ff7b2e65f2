import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { meterReports, notifications, orgs, stripeEvents, subscriptions } from "@/db/schema";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { changePlan } from "@/lib/billing/change-plan";
import { handleStripeWebhook } from "@/lib/billing/handle-stripe-webhook";
import { incrementUsage } from "@/lib/billing/increment-usage";
import { openBillingPortal } from "@/lib/billing/open-billing-portal";
import { reportOverage } from "@/lib/billing/report-overage";
import { startCheckout } from "@/lib/billing/start-checkout";
import { stripeClient } from "@/lib/billing/stripe-client";
import { signedEvent, startStripeFake, subscriptionEventObject, type StripeFake } from "../fakes/stripe";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError } from "../fixtures/expect-error";

const SECRET = "whsec_test_secret";
const PRICES = { STRIPE_PRICE_BASIC: "price_basic", STRIPE_PRICE_PRO: "price_pro", STRIPE_PRICE_PREMIUM: "price_premium" };
let fake: StripeFake;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  fake = await startStripeFake();
  const vars = { ...fake.env, ...PRICES, STRIPE_WEBHOOK_SECRET: SECRET };
  for (const [k, v] of Object.entries(vars)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await fake.close();
});

const orgRow = async (id: string) => (await db.select().from(orgs).where(eq(orgs.id, id)))[0];

/** An org that went through Checkout: it has a customer in the fake, and a subscription there. */
async function customerOrg(plan: "basic" | "pro" = "pro") {
  const o = await createOrgWithOwner();
  const { url } = await startCheckout(o.actor, { plan });
  expect(url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
  const customer = (await orgRow(o.org.id)).stripeCustomerId!;
  const sub = fake.setSubscription({ id: `sub_${o.org.id.slice(4)}`, customer, status: "active", price: PRICES[`STRIPE_PRICE_${plan.toUpperCase()}` as keyof typeof PRICES] });
  return { ...o, customer, sub };
}

const deliver = (type: string, object: Record<string, unknown>, opts?: { id?: string }) => {
  const { body, header } = signedEvent(SECRET, type, object, opts);
  return handleStripeWebhook(body, header);
};

describe("Checkout and the portal", () => {
  it("creates one customer per org and a subscription-mode session for the plan's configured price", async () => {
    const { org, actor } = await createOrgWithOwner();
    await startCheckout(actor, { plan: "basic" });
    await startCheckout(actor, { plan: "pro" });
    const customerId = (await orgRow(org.id)).stripeCustomerId;
    expect(customerId).toMatch(/^cus_/);
    const sessions = fake.checkoutSessions.filter((s) => s.customer === customerId);
    expect(sessions.map((s) => [s.mode, s.price])).toEqual([
      ["subscription", "price_basic"],
      ["subscription", "price_pro"],
    ]);
    expect([...fake.customers.values()].filter((c) => c.metadata.orgId === org.id)).toHaveLength(1);
  });

  it("only owners start Checkout or open the portal; a bad plan is refused", async () => {
    const { org, actor } = await customerOrg();
    const admin = await addMember(org.id, "admin");
    await expectAppError(startCheckout(admin.actor, { plan: "pro" }), "FORBIDDEN");
    await expectAppError(openBillingPortal(admin.actor), "FORBIDDEN");
    await expectAppError(startCheckout(actor, { plan: "hobby" }), "VALIDATION");
    await expect(startCheckout(actor, { plan: "enterprise" as "pro" })).rejects.toThrow();
    expect((await openBillingPortal(actor)).url).toMatch(/^https:\/\/billing\.stripe\.test\//);
    const other = await createOrgWithOwner();
    await expectAppError(openBillingPortal(other.actor), "CONFLICT");
  });
});

describe("POST /api/webhooks/stripe", () => {
  it("rejects a bad or missing signature with 400 and changes nothing", async () => {
    const { org, customer, sub } = await customerOrg();
    const { body } = signedEvent(SECRET, "customer.subscription.updated", subscriptionEventObject(sub));
    const forged = signedEvent("whsec_wrong", "customer.subscription.updated", subscriptionEventObject(sub));
    for (const headers of [{ "stripe-signature": forged.header }, {} as Record<string, string>]) {
      const res = await stripeWebhook(new Request("http://x/api/webhooks/stripe", { method: "POST", body, headers }));
      expect(res.status).toBe(400);
    }
    // A body altered after signing fails too.
    const good = signedEvent(SECRET, "customer.subscription.updated", subscriptionEventObject(sub));
    const tampered = await stripeWebhook(new Request("http://x", { method: "POST", body: good.body.replace(customer, "cus_other"), headers: { "stripe-signature": good.header } }));
    expect(tampered.status).toBe(400);
    expect((await orgRow(org.id)).plan).toBe("hobby");
  });

  it("applies checkout.session.completed by re-reading Stripe, and a replay changes nothing", async () => {
    const { org, customer } = await customerOrg("pro");
    const { body, header } = signedEvent(SECRET, "checkout.session.completed", { id: "cs_1", object: "checkout.session", customer, mode: "subscription" }, { id: "evt_checkout_1" + org.id });
    const res = await stripeWebhook(new Request("http://x", { method: "POST", body, headers: { "stripe-signature": header } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true, status: "applied", plan: "pro" });
    expect((await orgRow(org.id)).plan).toBe("pro");
    const [s] = await db.select().from(subscriptions).where(eq(subscriptions.orgId, org.id));
    expect(s).toMatchObject({ provider: "stripe", status: "active", plan: "pro", stripePriceId: "price_pro" });
    const raised = await db.select().from(notifications).where(eq(notifications.orgId, org.id));
    expect(raised.map((n) => n.kind)).toEqual(["subscription-changed"]);

    // Meanwhile Stripe says the subscription ended; the replayed event must still change nothing.
    fake.setSubscription({ id: s.stripeSubscriptionId!, customer, status: "canceled", price: "price_pro" });
    const replay = await stripeWebhook(new Request("http://x", { method: "POST", body, headers: { "stripe-signature": header } }));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ status: "duplicate" });
    expect((await orgRow(org.id)).plan).toBe("pro");
  });

  it("ignores (2xx) an unknown customer and an unhandled event type, changing nothing", async () => {
    const { org } = await customerOrg();
    expect(await deliver("customer.subscription.updated", subscriptionEventObject({ id: "sub_x", customer: "cus_nobody", status: "active", price: "price_premium" }))).toMatchObject({
      status: "ignored",
      reason: "unknown customer",
    });
    expect(await deliver("charge.refunded", { id: "ch_1", object: "charge" })).toMatchObject({ status: "ignored" });
    expect((await orgRow(org.id)).plan).toBe("hobby");
  });

  it("ends in Stripe's state whatever the order: `updated` arriving after `deleted`", async () => {
    const { org, customer, sub } = await customerOrg("basic");
    const updatedWhileActive = subscriptionEventObject(sub);
    fake.setSubscription({ ...sub, status: "canceled" });
    await deliver("customer.subscription.deleted", subscriptionEventObject({ ...sub, status: "canceled" }));
    expect((await orgRow(org.id)).plan).toBe("hobby");
    // The older "updated (active)" event arrives late: Stripe is re-read, so the org stays on Hobby.
    await deliver("customer.subscription.updated", updatedWhileActive);
    expect((await orgRow(org.id)).plan).toBe("hobby");
    expect((await orgRow(org.id)).credits).toBe(1000);
    expect(customer).toMatch(/^cus_/);
  });

  it("invoice.payment_failed keeps the plan while Stripe retries and notifies once", async () => {
    const { org, customer, sub } = await customerOrg("pro");
    await deliver("customer.subscription.created", subscriptionEventObject(sub));
    fake.setSubscription({ ...sub, status: "past_due" });
    await deliver("invoice.payment_failed", { id: "in_1", object: "invoice", customer });
    await deliver("invoice.payment_failed", { id: "in_1", object: "invoice", customer });
    expect((await orgRow(org.id)).plan).toBe("pro");
    const kinds = (await db.select().from(notifications).where(eq(notifications.orgId, org.id))).map((n) => n.kind);
    expect(kinds.filter((k) => k === "payment-failed")).toHaveLength(1);
    fake.setSubscription({ ...sub, status: "active" });
    await deliver("invoice.paid", { id: "in_1", object: "invoice", customer });
    const [s] = await db.select().from(subscriptions).where(eq(subscriptions.orgId, org.id));
    expect(s.status).toBe("active");
  });

  it("answers 5xx when Stripe cannot be re-read, and leaves the event unrecorded for the retry", async () => {
    const { org, sub } = await customerOrg("pro");
    fake.fail(/^\/v1\/subscriptions$/, 3);
    const { body, header } = signedEvent(SECRET, "customer.subscription.created", subscriptionEventObject(sub));
    const res = await stripeWebhook(new Request("http://x", { method: "POST", body, headers: { "stripe-signature": header } }));
    expect(res.status).toBeGreaterThanOrEqual(500);
    const id = JSON.parse(body).id as string;
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, id))).toHaveLength(0);
    const retry = await stripeWebhook(new Request("http://x", { method: "POST", body, headers: { "stripe-signature": header } }));
    expect(retry.status).toBe(200);
    expect((await orgRow(org.id)).plan).toBe("pro");
  });

  it("a downgrade to Hobby cancels at the period end: the plan holds until Stripe ends it", async () => {
    const { org, actor, sub } = await customerOrg("pro");
    await deliver("customer.subscription.created", subscriptionEventObject(sub));
    const r = await changePlan(actor, { plan: "hobby" });
    expect(r.message).toMatch(/end of the billing period/);
    expect(fake.subscriptions.get(sub.id)?.cancelAtPeriodEnd).toBe(true);
    expect((await orgRow(org.id)).plan).toBe("pro");
    const [s] = await db.select().from(subscriptions).where(eq(subscriptions.orgId, org.id));
    expect(s.cancelAtPeriodEnd).toBe(true);
    // Paid -> paid goes through the portal; Hobby -> paid through Checkout.
    expect((await changePlan(actor, { plan: "basic" })).redirect).toMatch(/billing\.stripe\.test/);
  });
});

describe("overage meter events", () => {
  it("reports each org's overage once: a second run, a retry and a crash before marking bill nothing twice", async () => {
    const { org, customer, sub } = await customerOrg("basic");
    await deliver("customer.subscription.created", subscriptionEventObject(sub));
    await incrementUsage([
      { orgId: org.id, metric: "emails", count: 50_100 },
      { orgId: org.id, metric: "api:POST /v1/messages", count: 40 },
    ]);
    const stripe = stripeClient()!;
    const mine = () => [...fake.meterEvents.values()].filter((e) => e.customer === customer);
    const total = (name: string) => mine().filter((e) => e.event_name === name).reduce((s, e) => s + e.value, 0);

    await reportOverage(stripe);
    expect(total("herald_email_overage")).toBe(100);
    expect(total("herald_api_requests")).toBe(40);
    await reportOverage(stripe);
    expect(mine()).toHaveLength(2);

    // More usage: only the difference is reported, under a new identifier.
    await incrementUsage([{ orgId: org.id, metric: "emails", count: 25 }]);
    // A crash after Stripe accepted the event but before the row was marked sent.
    await reportOverage(stripe);
    await db.update(meterReports).set({ sentAt: null }).where(eq(meterReports.orgId, org.id));
    await reportOverage(stripe);
    expect(total("herald_email_overage")).toBe(125);

    // Stripe down: the row waits, and the next run delivers it once.
    await incrementUsage([{ orgId: org.id, metric: "emails", count: 5 }]);
    // The client retries twice: three failures make this run give up on the row.
    fake.fail(/meter_events/, 3);
    const down = await reportOverage(stripe);
    expect(down.failed).toBeGreaterThan(0);
    await reportOverage(stripe);
    expect(total("herald_email_overage")).toBe(130);
    const rows = await db.select().from(meterReports).where(eq(meterReports.orgId, org.id));
    expect(rows.every((r) => r.sentAt)).toBe(true);
    expect(rows.map((r) => r.identifier)).toContain(`${org.id}:emails:${rows[0].month.slice(0, 7)}:130`);
  });

  it("reports nothing for Hobby orgs or orgs within their included volume", async () => {
    const { org } = await customerOrg("pro");
    await incrementUsage([{ orgId: org.id, metric: "emails", count: 10 }]);
    const hobby = await createOrgWithOwner();
    await incrementUsage([{ orgId: hobby.org.id, metric: "emails", count: 5_000 }]);
    await reportOverage(stripeClient()!);
    expect(await db.select().from(meterReports).where(eq(meterReports.orgId, org.id))).toHaveLength(0);
    expect(await db.select().from(meterReports).where(eq(meterReports.orgId, hobby.org.id))).toHaveLength(0);
  });
});
