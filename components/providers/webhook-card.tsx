import { CopyField } from "@/components/lists/copy-field";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

const code = "rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800";

/**
 * Where the provider reports back: the webhook address of this connection and how to set it up.
 * SendGrid connections get the Event Webhook (delivered, opens, clicks, bounces, complaints,
 * unsubscribes); HTTP SMS gateways get delivery receipts and STOP replies. Other kinds have none.
 */
export function WebhookCard({ kind, connectionId, baseUrl, hasSendgridKey }: { kind: string; connectionId: string; baseUrl: string; hasSendgridKey: boolean }) {
  if (kind === "sendgrid") {
    const url = `${baseUrl}/api/webhooks/sendgrid/${connectionId}`;
    return (
      <Card>
        <CardHeader title="Event webhook" description="SendGrid tells Herald what happened to each message: delivered, opened, clicked, bounced, reported as spam, unsubscribed." />
        <CardBody className="space-y-3 text-sm text-slate-700">
          <CopyField id="sendgrid-webhook-url" label="Webhook URL" value={url} />
          <ol className="list-decimal space-y-1 pl-5">
            <li>In SendGrid, open Settings → Mail Settings → Event Webhook and create a webhook with this URL.</li>
            <li>Select the events Delivered, Bounced, Dropped, Spam Reports, Unsubscribes and Group Unsubscribes. Opened and Clicked are optional: Herald’s own tracking already records opens and clicks.</li>
            <li>Turn on “Signed Event Webhook”, copy the verification key SendGrid shows, and paste it into this connection’s settings.</li>
          </ol>
          {hasSendgridKey ? null : <Alert tone="warning">No verification key yet: Herald refuses this connection’s events (401) until one is saved.</Alert>}
        </CardBody>
      </Card>
    );
  }
  if (kind === "http_sms") {
    const url = `${baseUrl}/api/webhooks/sms/${connectionId}`;
    return (
      <Card>
        <CardHeader title="Receipts and replies" description="Point the gateway’s delivery receipts and inbound messages here." />
        <CardBody className="space-y-3 text-sm text-slate-700">
          <CopyField id="sms-webhook-url" label="Webhook URL" value={url} />
          <p>
            POST JSON, one object or an array. A delivery receipt is <code className={code}>{`{ "reference": "msg_…", "status": "delivered" | "failed" | "undelivered", "id": "…", "error": "…" }`}</code>,
            where <code className={code}>reference</code> is the value Herald sent with the message. A reply is{" "}
            <code className={code}>{`{ "from": "+14155550123", "to": "+14155550100", "body": "STOP" }`}</code>.
          </p>
          <p>
            Sign every request: <code className={code}>X-Herald-Timestamp</code> is the current Unix time in seconds, and <code className={code}>X-Herald-Signature</code> is the hex
            HMAC-SHA256 of the timestamp, a dot and the raw body, keyed with this connection’s token. Requests more than ten minutes old are refused.
          </p>
          <p>
            A failed receipt counts as a bounce and stops SMS to that number; an undelivered one (phone off, out of range) is noted on the message as a soft bounce and the number stays reachable. A reply of STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT stops SMS to that number and unsubscribes the contact who has it.
          </p>
        </CardBody>
      </Card>
    );
  }
  return null;
}
