"use client";

import { useActionState, useState } from "react";
import { createSenderAction, updateSenderAction } from "@/app/(dashboard)/o/[org]/senders/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export type SenderFormConnection = { id: string; name: string; kindLabel: string; channels: readonly ("email" | "sms")[]; status: string };

export type SenderFormValues = {
  id: string;
  channel: "email" | "sms";
  connectionId: string;
  fromName: string | null;
  fromEmail: string | null;
  smsSenderId: string | null;
  ratePerSecond: number;
  dailyCap: number;
};

/**
 * Add and edit share one form. The channel decides the identity fields and which connections
 * are offered (SMS: gateways and the outbox); on edit the channel is fixed.
 */
export function SenderForm({ slug, connections, sender }: { slug: string; connections: SenderFormConnection[]; sender?: SenderFormValues }) {
  const [state, action] = useActionState<ActionState, FormData>(sender ? updateSenderAction : createSenderAction, {});
  const [channel, setChannel] = useState<"email" | "sms">(sender?.channel ?? (state.values?.channel === "sms" ? "sms" : "email"));
  const v = (k: keyof SenderFormValues, fallback = "") => state.values?.[k] ?? (sender?.[k] != null ? String(sender[k]) : fallback);
  const err = (k: string) => state.fields?.[k];
  const usable = connections.filter((c) => c.channels.includes(channel));
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="org" value={slug} />
      {sender ? <input type="hidden" name="id" value={sender.id} /> : null}
      <FormMessage state={state} />
      {sender ? (
        <input type="hidden" name="channel" value={channel} />
      ) : (
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">Channel</legend>
          <div className="flex gap-4">
            {(["email", "sms"] as const).map((c) => (
              <label key={c} className="flex items-center gap-2 text-sm">
                <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => setChannel(c)} />
                {c === "email" ? "E-mail" : "SMS"}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {channel === "email" ? (
          <>
            <Field label="From name" name="fromName" defaultValue={v("fromName")} error={err("fromName")} hint="What inboxes show, like “Acme News”. Optional." />
            <Field label="From address" name="fromEmail" type="email" defaultValue={v("fromEmail")} error={err("fromEmail")} placeholder="news@example.com" required />
          </>
        ) : (
          <Field
            label="Sender id"
            name="smsSenderId"
            defaultValue={v("smsSenderId")}
            error={err("smsSenderId")}
            hint="3–11 letters and digits (like Acme), or a number like +14155550100."
            required
          />
        )}
        <SelectField
          label="Provider connection"
          name="connectionId"
          key={channel}
          defaultValue={v("connectionId", usable[0]?.id ?? "")}
          options={usable.map((c) => ({ value: c.id, label: `${c.name === c.kindLabel ? c.name : `${c.name} (${c.kindLabel})`}${c.status === "failing" ? " — failing" : ""}` }))}
          error={err("connectionId")}
          hint={usable.length ? undefined : "No connection carries this channel yet: add one under Providers."}
        />
        <Field
          label="Rate (messages per second)"
          name="ratePerSecond"
          type="number"
          inputMode="decimal"
          step="0.1"
          min={0.1}
          max={1000}
          defaultValue={v("ratePerSecond", "10")}
          error={err("ratePerSecond")}
          hint="0.1 to 1,000; decimals allowed, like 2.5."
        />
        <Field
          label="Daily cap"
          name="dailyCap"
          type="number"
          inputMode="numeric"
          min={1}
          max={10_000_000}
          defaultValue={v("dailyCap", "2000")}
          error={err("dailyCap")}
          hint="Messages per UTC day; the rest wait for tomorrow."
        />
      </div>
      <SubmitButton pendingText="Saving…">{sender ? "Save changes" : "Add sender"}</SubmitButton>
    </form>
  );
}
