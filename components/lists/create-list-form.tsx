"use client";

import { useActionState } from "react";
import { createListAction } from "@/app/(dashboard)/o/[org]/lists/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function CreateListForm({ slug }: { slug: string }) {
  const [state, action] = useActionState<ActionState, FormData>(createListAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="org" value={slug} />
      <FormMessage state={state.fields ? {} : state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" name="name" required maxLength={100} placeholder="Newsletter" defaultValue={state.values?.name} error={state.fields?.name} />
        <Field label="Description (optional)" name="description" maxLength={500} defaultValue={state.values?.description} error={state.fields?.description} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <DoubleOptInCheckbox defaultChecked={state.values ? state.values.doubleOptIn === "on" : true} />
        <SubmitButton pendingText="Creating…">Create list</SubmitButton>
      </div>
    </form>
  );
}

/** The hidden "false" goes first so an unticked box still posts a value (FormData keeps the last). */
export function DoubleOptInCheckbox({ defaultChecked, id = "f-doubleOptIn" }: { defaultChecked: boolean; id?: string }) {
  return (
    <div className="flex items-start gap-2">
      <input type="hidden" name="doubleOptIn" value="false" />
      <input id={id} type="checkbox" name="doubleOptIn" defaultChecked={defaultChecked} className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-500" aria-describedby={`${id}-hint`} />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          Double opt-in
        </label>
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          People who sign up through the public form confirm by e-mail before they are subscribed.
        </p>
      </div>
    </div>
  );
}
