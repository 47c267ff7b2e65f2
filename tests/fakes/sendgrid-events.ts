import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import type { Delivered } from "./sendgrid";

/**
 * SendGrid's side of the signed Event Webhook, as documented: SendGrid holds a P-256 key pair,
 * shows the public key as base64 DER (SubjectPublicKeyInfo) — the "verification key" — and signs
 * each POST with ECDSA/SHA-256 over `timestamp + body`, sending the base64 DER signature in
 * `X-Twilio-Email-Event-Webhook-Signature` and the Unix-seconds timestamp in
 * `X-Twilio-Email-Event-Webhook-Timestamp`. Events are JSON objects in an array, with the
 * message's custom args flattened onto each event.
 */
export type SendgridEventInit = Record<string, unknown> & { event: string };

export function sendgridEventSigner() {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const verificationKey = (publicKey.export({ format: "der", type: "spki" }) as Buffer).toString("base64");
  return {
    /** What SendGrid shows as the "verification key". */
    verificationKey,
    privateKey: privateKey as KeyObject,
    /** The exact body and headers SendGrid would POST for `events`. */
    sign(events: unknown[] | string, opts: { timestamp?: number; key?: KeyObject } = {}) {
      const body = typeof events === "string" ? events : JSON.stringify(events);
      const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
      const signature = sign("sha256", Buffer.from(timestamp + body, "utf8"), { key: opts.key ?? privateKey, dsaEncoding: "der" }).toString("base64");
      return {
        body,
        headers: {
          "content-type": "application/json",
          "x-twilio-email-event-webhook-signature": signature,
          "x-twilio-email-event-webhook-timestamp": timestamp,
        },
      };
    },
  };
}

export type SendgridEventSigner = ReturnType<typeof sendgridEventSigner>;

/** An `sg_event_id` as SendGrid makes them: opaque, unique per event, the same on a redelivery. */
export const sgEventId = () => randomBytes(16).toString("base64url");

/**
 * One event for a message the SendGrid fake accepted, in the documented shape: `email`,
 * `timestamp`, `smtp-id`, `event`, `sg_event_id`, `sg_message_id` (the X-Message-Id plus
 * SendGrid's suffix) and the custom args at the top level. `extra` adds the event's own fields
 * (`url` for a click, `type`/`reason`/`status` for a bounce, `useragent` for an open...).
 */
export function eventFor(d: Delivered, event: string, extra: Record<string, unknown> = {}): SendgridEventInit {
  return {
    email: d.to,
    timestamp: Math.floor(Date.now() / 1000),
    "smtp-id": `<${d.xMessageId}@ismtpd-555>`,
    event,
    category: ["herald"],
    sg_event_id: sgEventId(),
    sg_message_id: `${d.xMessageId}.filter0001.16648.5515E0B88.0`,
    ...d.customArgs,
    ...extra,
  };
}
