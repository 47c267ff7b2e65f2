"use client";

import { useActionState, useState } from "react";
import { startImportAction } from "@/app/(dashboard)/o/[org]/imports/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FIELD_LABELS, FIELD_TARGETS } from "@/lib/audience/imports/column-mapping";

type Props = {
  slug: string;
  importId: string;
  headers: string[];
  rows: string[][];
  suggested: Record<string, string>;
  attributes: { key: string; label: string }[];
  lists: { id: string; name: string }[];
};

const selectClass = "block w-full min-w-36 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200";

/** Step 2: the first rows with one target per column, and the import's options. */
export function MappingForm({ slug, importId, headers, rows, suggested, attributes, lists }: Props) {
  const [state, action] = useActionState<ActionState, FormData>(startImportAction, {});
  const [status, setStatus] = useState(state.values?.status ?? "subscribed");
  const options = [
    { value: "skip", label: "Don't import" },
    ...FIELD_TARGETS.map((t) => ({ value: t, label: FIELD_LABELS[t] })),
    ...attributes.map((a) => ({ value: `attr:${a.key}`, label: `Attribute: ${a.label}` })),
  ];
  return (
    <form action={action} className="space-y-6" noValidate>
      <input type="hidden" name="org" value={slug} />
      <input type="hidden" name="importId" value={importId} />
      <FormMessage state={state} />
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="w-full text-sm">
          <caption className="sr-only">Columns of the file, their mapping, and the first rows</caption>
          <thead className="bg-slate-50 text-left align-top">
            <tr>
              {headers.map((h, i) => (
                <th key={i} scope="col" className="px-3 py-2 font-medium text-slate-700">
                  <label htmlFor={`map-${i}`} className="mb-1 block">
                    {h}
                  </label>
                  <select id={`map-${i}`} name={`map_${i}`} defaultValue={state.values?.[`map_${i}`] ?? suggested[String(i)] ?? "skip"} className={selectClass}>
                    {options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r, ri) => (
              <tr key={ri}>
                {headers.map((_, ci) => (
                  <td key={ci} className="max-w-48 truncate px-3 py-2 text-slate-600">
                    {r[ci] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Add to lists</legend>
        {lists.length === 0 ? (
          <p className="text-sm text-slate-500">This organization has no lists yet; contacts are imported without one.</p>
        ) : (
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {lists.map((l) => (
              <label key={l.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name={`list_${l.id}`} defaultChecked={state.values?.[`list_${l.id}`] === "on"} />
                {l.name}
              </label>
            ))}
          </div>
        )}
        {state.fields?.listIds ? <p className="text-sm text-red-600">{state.fields.listIds}</p> : null}
      </fieldset>

      <Field label="Tags to add" name="tags" hint="Comma-separated; added to every imported contact." defaultValue={state.values?.tags} error={state.fields?.tags} />

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Contacts that already exist</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="updateExisting" value="update" defaultChecked={state.values?.updateExisting !== "skip"} /> Update them with the file&apos;s values
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="updateExisting" value="skip" defaultChecked={state.values?.updateExisting === "skip"} /> Leave them as they are
        </label>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">New contacts are</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="status" value="subscribed" checked={status === "subscribed"} onChange={() => setStatus("subscribed")} /> Subscribed: they gave consent
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="status" value="pending" checked={status === "pending"} onChange={() => setStatus("pending")} /> Pending: they confirm by double opt-in
        </label>
        <p className="text-xs text-slate-500">Unsubscribed, bounced or suppressed people are never resubscribed by an import.</p>
      </fieldset>
      {status === "subscribed" ? (
        <Field
          label="Where did they give consent?"
          name="consentSource"
          placeholder="Webinar sign-up sheet, May 2025"
          defaultValue={state.values?.consentSource}
          error={state.fields?.consentSource}
        />
      ) : null}

      <SubmitButton pendingText="Starting…">Start import</SubmitButton>
    </form>
  );
}
