"use client";

import { useActionState } from "react";
import { createAttributeAction } from "@/app/(dashboard)/o/[org]/contacts/attributes/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

const TYPES = [
  { value: "text", label: "Text" },
  { value: "number", label: "Number" },
  { value: "date", label: "Date" },
  { value: "boolean", label: "True/false" },
];

export function AttributeForm({ slug }: { slug: string }) {
  const [state, action] = useActionState<ActionState, FormData>(createAttributeAction, {});
  const keep = (k: string) => (state.ok ? "" : (state.values?.[k] ?? ""));
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="org" value={slug} />
      <FormMessage state={state.fields ? { error: undefined } : state} />
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_10rem_auto] sm:items-start">
        <Field label="Key" name="key" required placeholder="plan" defaultValue={keep("key")} error={state.fields?.key} hint="Lowercase letters, digits, underscores." />
        <Field label="Label" name="label" placeholder="Plan" defaultValue={keep("label")} error={state.fields?.label} />
        <SelectField label="Type" name="type" defaultValue={state.values?.type ?? "text"} error={state.fields?.type} options={TYPES} />
        <SubmitButton className="sm:mt-6" pendingText="Saving…">
          Declare
        </SubmitButton>
      </div>
    </form>
  );
}
