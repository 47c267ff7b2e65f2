import { toErrorBody } from "@/lib/errors";
import { readWebhookBody } from "@/lib/webhooks/read-body";
import { handleSmsWebhook } from "@/lib/webhooks/sms-receipts";

export const dynamic = "force-dynamic";

/**
 * POST /api/webhooks/sms/<connection id> — an HTTP SMS gateway's delivery receipts
 * `{ reference, status, id?, error? }` and inbound replies `{ from, to, body }` (one object or an
 * array), signed with `X-Herald-Signature: hex(HMAC-SHA256(connection token, raw body))`.
 * 200 with counts, 401 bad signature, 404 unknown connection, 400 not JSON, 413 past 5 MB,
 * 5xx when recording fails (the gateway should retry).
 */
export async function POST(req: Request, { params }: { params: Promise<{ connection: string }> }) {
  const { connection } = await params;
  try {
    const rawBody = await readWebhookBody(req);
    const outcome = await handleSmsWebhook({ connectionId: connection, rawBody, signature: req.headers.get("x-herald-signature"), timestamp: req.headers.get("x-herald-timestamp") });
    return Response.json({ received: true, ...outcome });
  } catch (e) {
    const { status, body } = toErrorBody(e);
    return Response.json(body, { status });
  }
}
