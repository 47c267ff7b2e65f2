"use client";

import Link from "next/link";
import { useId } from "react";

export type AudienceOption = { id: string; name: string; count: number | null };

const numFmt = new Intl.NumberFormat("en-US");

function Group({ label, options, name, checked, emptyHref, emptyText }: { label: string; options: AudienceOption[]; name: (id: string) => string; checked: (id: string) => boolean; emptyHref: string; emptyText: string }) {
  return (
    <fieldset>
      <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{label}</legend>
      {options.length === 0 ? (
        <p className="text-sm text-slate-500">
          <Link href={emptyHref} className="text-brand-700 underline">
            {emptyText}
          </Link>
        </p>
      ) : (
        <ul className="max-h-52 space-y-1 overflow-y-auto pr-1">
          {options.map((o) => (
            <li key={o.id}>
              <label className="flex items-center justify-between gap-3 rounded px-1 py-1 text-sm hover:bg-slate-50">
                <span className="flex min-w-0 items-center gap-2">
                  <input type="checkbox" name={name(o.id)} defaultChecked={checked(o.id)} className="h-4 w-4 rounded border-slate-300 text-brand-600" />
                  <span className="truncate">{o.name}</span>
                </span>
                {o.count !== null ? <span className="shrink-0 text-xs tabular-nums text-slate-500">{numFmt.format(o.count)}</span> : null}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** Lists and segments as checkboxes, for one side of the audience (include or exclude). */
export function AudiencePicker({
  title,
  slug,
  lists,
  segments,
  listName,
  segmentName,
  listChecked,
  segmentChecked,
}: {
  title: string;
  slug: string;
  lists: AudienceOption[];
  segments: AudienceOption[];
  listName: (id: string) => string;
  segmentName: (id: string) => string;
  listChecked: (id: string) => boolean;
  segmentChecked: (id: string) => boolean;
}) {
  const titleId = useId();
  return (
    // A named group: "Send to" and "But not to" offer the same lists, and a checkbox alone would not say which side it is on.
    <div role="group" aria-labelledby={titleId} className="space-y-3 rounded-md border border-slate-200 p-4">
      <p id={titleId} className="text-sm font-medium text-slate-900">
        {title}
      </p>
      <Group label="Lists" options={lists} name={listName} checked={listChecked} emptyHref={`/o/${slug}/lists`} emptyText="Create a list" />
      <Group label="Segments" options={segments} name={segmentName} checked={segmentChecked} emptyHref={`/o/${slug}/segments/new`} emptyText="Build a segment" />
    </div>
  );
}
