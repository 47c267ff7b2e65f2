import { toErrorBody } from "@/lib/errors";
import { readWebhookBody } from "@/lib/webhooks/read-body";
import { handleSendgridEvents } from "@/lib/webhooks/sendgrid-events";

export const dynamic = "force-dynamic";

/**
 * POST /api/webhooks/sendgrid/<connection id> — SendGrid's signed Event Webhook for one SendGrid
 * connection. 200 with counts once the batch is recorded (ignored events included), 401 for a
 * missing or bad signature or a stale timestamp, 404 for an unknown connection, 400 for a body
 * that is not a JSON array, 413 past 5 MB, 5xx when recording fails (SendGrid retries).
 */
export async function POST(req: Request, { params }: { params: Promise<{ connection: string }> }) {
  const { connection } = await params;
  try {
    const rawBody = await readWebhookBody(req);
    const outcome = await handleSendgridEvents({
      connectionId: connection,
      rawBody,
      signature: req.headers.get("x-twilio-email-event-webhook-signature"),
      timestamp: req.headers.get("x-twilio-email-event-webhook-timestamp"),
    });
    return Response.json({ received: true, ...outcome });
  } catch (e) {
    const { status, body } = toErrorBody(e);
    return Response.json(body, { status });
  }
}
