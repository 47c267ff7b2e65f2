"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { createConnectionAction, updateConnectionAction } from "@/app/(dashboard)/o/[org]/providers/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { SecretField } from "./secret-field";

type Kind = "sendgrid" | "smtp" | "http_sms" | "outbox";

export type ConnectionFormValues = {
  id: string;
  kind: Kind;
  name: string;
  config: Record<string, string | number | boolean>;
  secretsSet: string[];
};

// Spelled out here so the client bundle does not pull in server modules.
const KINDS: { value: Kind; label: string }[] = [
  { value: "sendgrid", label: "SendGrid (e-mail)" },
  { value: "smtp", label: "SMTP (e-mail: SMTP2Go, MailerSend, SES, Gmail…)" },
  { value: "http_sms", label: "HTTP SMS gateway (SMS)" },
  { value: "outbox", label: "Outbox (development: keeps every message)" },
];
const TLS = [
  { value: "starttls", label: "STARTTLS (usually port 587)" },
  { value: "tls", label: "TLS from the start (usually port 465)" },
  { value: "none", label: "None (local relays only)" },
];
const VERIFY = [
  { value: "head", label: "Send a HEAD request to the URL" },
  { value: "none", label: "Do not contact the gateway" },
];

/** Add (any kind) and edit (the kind is fixed) share one form; each kind shows its own fields. */
export function ConnectionForm({ slug, connection }: { slug: string; connection?: ConnectionFormValues }) {
  const [state, action] = useActionState<ActionState, FormData>(connection ? updateConnectionAction : createConnectionAction, {});
  const [kind, setKind] = useState<Kind>(connection?.kind ?? (state.values?.kind as Kind) ?? "sendgrid");
  const v = (k: string, fallback = "") => state.values?.[k] ?? (connection?.config[k] !== undefined ? String(connection.config[k]) : fallback);
  const err = (k: string) => state.fields?.[k];
  const stored = (k: string) => Boolean(connection?.secretsSet.includes(k));
  const kindRef = useRef<HTMLSelectElement>(null);
  // React resets a form after its action runs, which puts the select back on its first option
  // while the fields shown still follow the chosen kind: put the choice back.
  useEffect(() => {
    if (kindRef.current) kindRef.current.value = kind;
  }, [state, kind]);
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="org" value={slug} />
      {connection ? <input type="hidden" name="id" value={connection.id} /> : null}
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        {connection ? (
          <input type="hidden" name="kind" value={kind} />
        ) : (
          <SelectField ref={kindRef} label="Provider" name="kind" defaultValue={kind} onChange={(e) => setKind(e.target.value as Kind)} options={KINDS} error={err("kind")} />
        )}
        <Field label="Name" name="name" defaultValue={state.values?.name ?? connection?.name ?? ""} error={err("name")} hint="How senders and campaigns refer to it, like “SendGrid marketing”." required />
      </div>
      {kind === "sendgrid" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <SecretField label="API key" name="apiKey" stored={stored("apiKey")} error={err("apiKey")} hint="A key with the Mail Send permission; it starts with SG." />
          <Field
            label="Webhook verification key (optional)"
            name="webhookKey"
            defaultValue={v("webhookKey")}
            error={err("webhookKey")}
            placeholder="MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…"
            autoComplete="off"
            spellCheck={false}
            hint="From SendGrid’s Event Webhook settings with “Signed Event Webhook” on. A public key, not a secret: Herald accepts delivery, open, click, bounce and unsubscribe events only when they are signed with it."
            className="sm:col-span-2"
          />
        </div>
      ) : null}
      {kind === "smtp" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Host" name="host" defaultValue={v("host")} error={err("host")} placeholder="smtp.example.com" autoComplete="off" />
          <Field label="Port" name="port" type="number" inputMode="numeric" min={1} max={65535} defaultValue={v("port", "587")} error={err("port")} />
          <SelectField label="Encryption" name="tls" defaultValue={v("tls", "starttls")} options={TLS} error={err("tls")} />
          <Field label="User" name="user" defaultValue={v("user")} error={err("user")} autoComplete="off" hint="Leave empty for a relay without login." />
          <SecretField label="Password" name="password" stored={stored("password")} error={err("password")} />
          <Field label="From domain (optional)" name="fromDomain" defaultValue={v("fromDomain")} error={err("fromDomain")} placeholder="example.com" hint="Senders on this connection must use addresses at this domain; it also names Message-IDs." />
        </div>
      ) : null}
      {kind === "http_sms" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="URL" name="url" type="url" defaultValue={v("url")} error={err("url")} placeholder="https://sms.example.com/send" hint="Herald POSTs { to, from, body, reference } as JSON here." className="sm:col-span-2" />
          <SecretField label="Token" name="token" stored={stored("token")} error={err("token")} hint="Sent as Authorization: Bearer <token>." />
          <SelectField label="Test connection by" name="verify" defaultValue={v("verify", "head")} options={VERIFY} error={err("verify")} />
        </div>
      ) : null}
      {kind === "outbox" ? (
        <p className="text-sm text-slate-600">The outbox delivers nothing: it keeps every e-mail and SMS for viewing in the development mailbox. Every organization has one already.</p>
      ) : null}
      <SubmitButton pendingText="Saving…">{connection ? "Save changes" : "Add connection"}</SubmitButton>
    </form>
  );
}
