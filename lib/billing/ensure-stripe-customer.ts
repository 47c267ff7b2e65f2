import { and, eq, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import { db } from "@/db";
import { orgs } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * The org's one Stripe customer, created on first need. The create call carries an idempotency
 * key per org and the id is stored only where none is yet, so two concurrent first upgrades
 * end with one customer.
 */
export async function ensureStripeCustomer(stripe: Stripe, orgId: string, email?: string | null): Promise<string> {
  const [org] = await db.select({ name: orgs.name, customerId: orgs.stripeCustomerId }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new AppError("NOT_FOUND", "That organization does not exist.");
  if (org.customerId) return org.customerId;
  const customer = await stripe.customers.create(
    { name: org.name, ...(email ? { email } : {}), metadata: { orgId } },
    { idempotencyKey: `herald-customer-${orgId}` },
  );
  await db.update(orgs).set({ stripeCustomerId: customer.id }).where(and(eq(orgs.id, orgId), isNull(orgs.stripeCustomerId)));
  const [after] = await db.select({ customerId: orgs.stripeCustomerId }).from(orgs).where(eq(orgs.id, orgId));
  return after.customerId ?? customer.id;
}
