"use client";

import { useActionState, useEffect, useRef } from "react";
import { adjustCreditsAction } from "@/app/(dashboard)/o/[org]/billing/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

/** An owner's manual credit correction: a signed number and the reason that goes in the ledger. */
export function AdjustCreditsForm({ slug }: { slug: string }) {
  const [state, action] = useActionState<ActionState, FormData>(adjustCreditsAction, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} className="space-y-3" noValidate>
      <input type="hidden" name="org" value={slug} />
      <FormMessage state={state.fields ? {} : state} />
      <div className="grid gap-3 sm:grid-cols-[8rem_1fr_auto] sm:items-start">
        <Field label="Credits" name="delta" type="number" inputMode="numeric" hint="Negative to remove" defaultValue={state.ok ? "" : state.values?.delta} error={state.fields?.delta} />
        <Field label="Reason" name="reason" placeholder="Goodwill for a failed campaign" defaultValue={state.ok ? "" : state.values?.reason} error={state.fields?.reason} />
        <SubmitButton variant="secondary" className="sm:mt-6" pendingText="Adjusting…">
          Adjust
        </SubmitButton>
      </div>
    </form>
  );
}
