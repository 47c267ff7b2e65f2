"use client";

import { useActionState, useEffect, useRef } from "react";
import { addSuppressionAction } from "@/app/(dashboard)/o/[org]/suppressions/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CHANNEL_OPTIONS, REASON_OPTIONS } from "./options";

export function AddSuppressionForm({ slug }: { slug: string }) {
  const [state, action] = useActionState<ActionState, FormData>(addSuppressionAction, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} className="space-y-3" noValidate>
      <input type="hidden" name="org" value={slug} />
      <FormMessage state={state.fields ? { error: undefined } : state} />
      <div className="grid gap-3 sm:grid-cols-[8rem_1fr_10rem_auto] sm:items-start">
        <SelectField label="Channel" name="channel" defaultValue={state.values?.channel ?? "email"} error={state.fields?.channel} options={CHANNEL_OPTIONS} />
        <Field
          label="Address"
          name="address"
          required
          placeholder="name@example.com or +44 20 7946 0000"
          defaultValue={state.ok ? "" : state.values?.address}
          error={state.fields?.address}
        />
        <SelectField label="Reason" name="reason" defaultValue={state.values?.reason ?? "manual"} error={state.fields?.reason} options={REASON_OPTIONS} />
        <SubmitButton className="sm:mt-6" pendingText="Adding…">
          Suppress
        </SubmitButton>
      </div>
    </form>
  );
}
