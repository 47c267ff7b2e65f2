import { handleStripeWebhook } from "@/lib/billing/handle-stripe-webhook";
import { toErrorBody } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * POST /api/webhooks/stripe — Stripe's signed events. 400 for a bad signature, 2xx for events
 * applied, replayed or ignored, 5xx when applying fails (the event stays unrecorded; Stripe retries).
 */
export async function POST(req: Request) {
  // The raw text, untouched: the signature is over these exact bytes.
  const body = await req.text();
  try {
    const outcome = await handleStripeWebhook(body, req.headers.get("stripe-signature"));
    return Response.json({ received: true, ...outcome });
  } catch (e) {
    const { status, body: errorBody } = toErrorBody(e);
    return Response.json(errorBody, { status });
  }
}
