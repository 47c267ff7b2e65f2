"use client";

import { useActionState, useEffect, useRef } from "react";
import { importSuppressionsAction, type ImportState } from "@/app/(dashboard)/o/[org]/suppressions/actions";
import { FormMessage } from "@/components/ui/alert";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CHANNEL_OPTIONS, REASON_OPTIONS } from "./options";

export function ImportSuppressionsForm({ slug }: { slug: string }) {
  const [state, action] = useActionState<ImportState, FormData>(importSuppressionsAction, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  const invalid = state.result?.invalid ?? [];
  return (
    <form ref={form} action={action} className="space-y-3" noValidate>
      <input type="hidden" name="org" value={slug} />
      <FormMessage state={state.fields ? { error: undefined } : state} />
      {invalid.length > 0 ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-medium">These lines were not imported:</p>
          <ul className="mt-1 max-h-40 list-inside list-disc overflow-y-auto" data-testid="invalid-lines">
            {invalid.slice(0, 100).map((i) => (
              <li key={i.line}>
                Line {i.line}: <span className="break-all font-mono">{i.value}</span> ({i.reason})
              </li>
            ))}
          </ul>
          {invalid.length > 100 ? <p className="mt-1">…and {invalid.length - 100} more.</p> : null}
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="Channel" name="channel" defaultValue={state.values?.channel ?? "email"} error={state.fields?.channel} options={CHANNEL_OPTIONS} />
        <SelectField label="Reason" name="reason" defaultValue={state.values?.reason ?? "manual"} error={state.fields?.reason} options={REASON_OPTIONS} />
      </div>
      <TextAreaField
        label="Addresses, one per line"
        name="text"
        rows={5}
        placeholder={"ann@example.com\nbob@example.org"}
        defaultValue={state.ok ? "" : state.values?.text}
        error={state.fields?.text}
        hint="A CSV export works too: the first column of each row is read, and a header row is skipped."
      />
      <div>
        <label htmlFor="f-file" className="mb-1 block text-sm font-medium text-slate-700">
          …or a text/CSV file (up to 1 MB)
        </label>
        <input
          id="f-file"
          type="file"
          name="file"
          accept=".txt,.csv,text/plain,text/csv"
          aria-invalid={state.fields?.file ? true : undefined}
          aria-describedby={state.fields?.file ? "f-file-error" : undefined}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
        />
        {state.fields?.file ? (
          <p id="f-file-error" className="mt-1 text-sm text-red-600">
            {state.fields.file}
          </p>
        ) : null}
      </div>
      <SubmitButton pendingText="Importing…">Import</SubmitButton>
    </form>
  );
}
