"use client";

import { useActionState, useEffect, useState } from "react";
import { bulkContactsAction } from "@/app/(dashboard)/o/[org]/contacts/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

const ACTIONS = [
  { value: "tag", label: "Add tag" },
  { value: "untag", label: "Remove tag" },
  { value: "add_to_list", label: "Add to list" },
  { value: "remove_from_list", label: "Remove from list" },
  { value: "unsubscribe", label: "Unsubscribe" },
  { value: "delete", label: "Delete" },
] as const;

const DESTRUCTIVE = new Set(["unsubscribe", "delete"]);
const inputClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200";

/**
 * Acts on the selected rows, or on every contact the current filter matches (the server re-runs
 * the same filter, so the action touches exactly what the table shows). Destructive actions and
 * anything on a whole filter ask first.
 */
export function BulkActionBar({
  slug,
  selected,
  filterQuery,
  countLabel,
  canDelete,
  lists,
  onDone,
}: {
  slug: string;
  selected: string[];
  filterQuery: string;
  countLabel: string;
  canDelete: boolean;
  lists: { id: string; name: string }[];
  onDone: () => void;
}) {
  const [state, run] = useActionState<ActionState, FormData>(bulkContactsAction, {});
  const [action, setAction] = useState<string>("tag");
  const [scope, setScope] = useState<"selected" | "filter">("selected");
  const effectiveScope = selected.length === 0 ? "filter" : scope;
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  const actions = ACTIONS.filter((a) => a.value !== "delete" || canDelete);
  const label = ACTIONS.find((a) => a.value === action)?.label.toLowerCase() ?? action;
  return (
    <form
      action={run}
      aria-label="Bulk actions"
      className="space-y-2 border-b border-slate-100 px-4 py-3"
      onSubmit={(e) => {
        const what = effectiveScope === "filter" ? `all ${countLabel} matching this filter` : `${selected.length} selected ${selected.length === 1 ? "contact" : "contacts"}`;
        if ((DESTRUCTIVE.has(action) || effectiveScope === "filter") && !window.confirm(`${label[0].toUpperCase()}${label.slice(1)}: ${what}?${action === "delete" ? " This cannot be undone." : ""}`)) {
          e.preventDefault();
        }
      }}
    >
      <input type="hidden" name="org" value={slug} />
      <input type="hidden" name="ids" value={selected.join(",")} />
      <input type="hidden" name="filter" value={filterQuery} />
      <div className="flex flex-wrap items-center gap-3">
        <fieldset className="flex flex-wrap items-center gap-3 text-sm">
          <legend className="sr-only">Act on</legend>
          <label className="inline-flex items-center gap-1.5">
            <input type="radio" name="scope" value="selected" checked={effectiveScope === "selected"} disabled={selected.length === 0} onChange={() => setScope("selected")} />
            {selected.length} selected
          </label>
          <label className="inline-flex items-center gap-1.5">
            <input type="radio" name="scope" value="filter" checked={effectiveScope === "filter"} onChange={() => setScope("filter")} />
            All {countLabel} matching this filter
          </label>
        </fieldset>
        <label htmlFor="bulk-action" className="sr-only">
          Bulk action
        </label>
        <select id="bulk-action" name="action" value={action} onChange={(e) => setAction(e.target.value)} className={inputClass}>
          {actions.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
        {action === "tag" || action === "untag" ? (
          <>
            <label htmlFor="bulk-tag" className="sr-only">
              Tag to {action === "tag" ? "add" : "remove"}
            </label>
            <input
              id="bulk-tag"
              name="tag"
              placeholder="tag"
              required
              className={inputClass}
              aria-invalid={state.fields?.tag ? true : undefined}
              aria-describedby={state.fields?.tag ? "bulk-tag-error" : undefined}
            />
          </>
        ) : null}
        {action === "add_to_list" || action === "remove_from_list" ? (
          <>
            <label htmlFor="bulk-list" className="sr-only">
              List to {action === "add_to_list" ? "add to" : "remove from"}
            </label>
            <select id="bulk-list" name="listId" required className={inputClass} defaultValue="" aria-invalid={state.fields?.listId ? true : undefined}>
              <option value="" disabled>
                {lists.length ? "Choose a list" : "No lists yet"}
              </option>
              {lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <SubmitButton size="sm" variant={DESTRUCTIVE.has(action) ? "danger" : "secondary"} pendingText="Working…">
          Apply
        </SubmitButton>
      </div>
      {state.fields?.tag ? (
        <p id="bulk-tag-error" className="text-sm text-red-600">
          {state.fields.tag}
        </p>
      ) : null}
      {state.fields?.listId ? <p className="text-sm text-red-600">{state.fields.listId}</p> : null}
      <FormMessage state={state} />
    </form>
  );
}
