"use client";

import { useActionState } from "react";
import type { ActionState } from "@/app/_lib/action";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** One button posting hidden fields to a contact action; `confirm` asks first for what cannot be undone. */
export function ContactActionButton({
  action,
  fields,
  label,
  variant = "secondary",
  confirm,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  variant?: "secondary" | "danger" | "ghost" | "primary";
  confirm?: string;
}) {
  const [state, run] = useActionState<ActionState, FormData>(action, {});
  return (
    <form
      action={run}
      className="inline-flex flex-col gap-1"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton size="sm" variant={variant}>
        {label}
      </SubmitButton>
      {state.error ? (
        <span role="alert" className="max-w-64 text-xs text-red-600">
          {state.error}
        </span>
      ) : state.message ? (
        <span role="status" className="text-xs text-emerald-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
