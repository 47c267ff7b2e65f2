"use client";

import { useActionState } from "react";
import type { ActionState } from "@/app/_lib/action";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * One button that posts hidden fields to an action and shows its outcome beside it.
 * `confirm` asks first, for actions that cannot be undone.
 */
export function RowAction({
  action,
  fields,
  label,
  variant = "secondary",
  confirm,
  srLabel,
  align = "end",
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  variant?: "secondary" | "danger" | "ghost" | "primary";
  confirm?: string;
  srLabel?: string;
  /** Where the button and its message sit: at the end of a table row, or the start of a block. */
  align?: "start" | "end";
}) {
  const [state, run] = useActionState<ActionState, FormData>(action, {});
  return (
    <form
      action={run}
      className={`inline-flex flex-col gap-1 ${align === "end" ? "items-end" : "items-start"}`}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton size="sm" variant={variant} aria-label={srLabel}>
        {label}
      </SubmitButton>
      {state.error ? (
        <span role="alert" className={`max-w-64 text-xs text-red-600 ${align === "end" ? "text-right" : ""}`}>
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
