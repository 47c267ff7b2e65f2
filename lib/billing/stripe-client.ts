import Stripe from "stripe";
import { AppError } from "@/lib/errors";
import { billingEnv } from "./config";

/**
 * The Stripe client, or null when billing is not configured. STRIPE_API_HOST/PORT/PROTOCOL point
 * it at a local fake in tests; production leaves them unset (api.stripe.com over https).
 */
export function stripeClient(): Stripe | null {
  const e = billingEnv();
  if (!e.STRIPE_SECRET_KEY) return null;
  return new Stripe(e.STRIPE_SECRET_KEY, {
    ...(e.STRIPE_API_HOST ? { host: e.STRIPE_API_HOST } : {}),
    ...(e.STRIPE_API_PORT ? { port: e.STRIPE_API_PORT } : {}),
    ...(e.STRIPE_API_PROTOCOL ? { protocol: e.STRIPE_API_PROTOCOL } : {}),
    maxNetworkRetries: 2,
    telemetry: false,
  });
}

/** The client, for operations that only make sense with Stripe configured. */
export function requireStripe(): Stripe {
  const s = stripeClient();
  if (!s) throw new AppError("BAD_REQUEST", "Billing is not configured on this Herald: set STRIPE_SECRET_KEY to take payments.");
  return s;
}
