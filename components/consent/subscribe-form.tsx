"use client";

import { useActionState } from "react";
import { subscribeAction, type SubscribeState } from "@/app/s/[token]/actions";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

/** The hosted subscribe form. Works before hydration too: server actions post as plain forms. */
export function SubscribeForm({ token, listName }: { token: string; listName: string }) {
  const [state, action] = useActionState<SubscribeState, FormData>(subscribeAction, {});
  if (state.ok) {
    return (
      <div role="status" data-testid="subscribe-success">
        <h2 className="text-lg font-semibold text-slate-900">{state.doubleOptIn ? "Check your inbox" : "You are subscribed"}</h2>
        <p className="mt-2 text-sm text-slate-600">{state.message}</p>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {state.error && !state.fields ? <Alert tone="error">{state.error}</Alert> : null}
      <Field label="E-mail address" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={state.fields?.email} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="First name (optional)" name="firstName" autoComplete="given-name" defaultValue={state.values?.firstName} error={state.fields?.firstName} />
        <Field label="Last name (optional)" name="lastName" autoComplete="family-name" defaultValue={state.values?.lastName} error={state.fields?.lastName} />
      </div>
      {/* Honeypot: hidden from people and from screen readers; bots that fill every field give themselves away. */}
      <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor="f-website">Website</label>
        <input id="f-website" type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <SubmitButton className="w-full" pendingText="Subscribing…">
        Subscribe to {listName}
      </SubmitButton>
    </form>
  );
}
