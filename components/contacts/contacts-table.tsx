"use client";

import Link from "next/link";
import { useCallback, useState } from "react";
import type { ContactStatus } from "@/db/schema";
import { Badge } from "@/components/ui/badge";
import { BulkActionBar } from "./bulk-action-bar";
import { StatusBadge } from "./status-badge";

export type ContactTableRow = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  status: ContactStatus;
  tags: string[];
  created: string;
};

/** The contacts page's table and the bulk-action bar that acts on its selection. */
export function ContactsTable({
  slug,
  rows,
  filterQuery,
  countLabel,
  canDelete,
  lists,
}: {
  slug: string;
  rows: ContactTableRow[];
  filterQuery: string;
  countLabel: string;
  canDelete: boolean;
  lists: { id: string; name: string }[];
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const clear = useCallback(() => setSelected(new Set()), []);
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <>
      <BulkActionBar
        slug={slug}
        selected={[...selected]}
        filterQuery={filterQuery}
        countLabel={countLabel}
        canDelete={canDelete}
        lists={lists}
        onDone={clear}
      />
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Contacts, {countLabel}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="w-10 px-4 py-2">
                <input
                  type="checkbox"
                  aria-label="Select every contact on this page"
                  checked={allOnPage}
                  onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)))}
                  className="h-4 w-4 rounded border-slate-300"
                />
              </th>
              <th scope="col" className="px-4 py-2 font-medium">Contact</th>
              <th scope="col" className="hidden px-4 py-2 font-medium md:table-cell">Phone</th>
              <th scope="col" className="px-4 py-2 font-medium">Status</th>
              <th scope="col" className="hidden px-4 py-2 font-medium lg:table-cell">Tags</th>
              <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">Created</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id} data-testid="contact-row" className={selected.has(r.id) ? "bg-brand-50/50" : undefined}>
                <td className="px-4 py-3">
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.email ?? r.phone ?? r.id}`}
                    checked={selected.has(r.id)}
                    onChange={() => toggle(r.id)}
                    className="h-4 w-4 rounded border-slate-300"
                  />
                </td>
                <td className="px-4 py-3">
                  <Link href={`/o/${slug}/contacts/${r.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {r.name || r.email || r.phone}
                  </Link>
                  {r.name && r.email ? <div className="break-all text-slate-500">{r.email}</div> : null}
                  {r.phone ? <div className="text-slate-500 md:hidden">{r.phone}</div> : null}
                </td>
                <td className="hidden whitespace-nowrap px-4 py-3 text-slate-600 md:table-cell">{r.phone ?? "—"}</td>
                <td className="px-4 py-3">
                  <StatusBadge status={r.status} />
                </td>
                <td className="hidden px-4 py-3 lg:table-cell">
                  <div className="flex flex-wrap gap-1">
                    {r.tags.slice(0, 4).map((t) => (
                      <Badge key={t}>{t}</Badge>
                    ))}
                    {r.tags.length > 4 ? <span className="text-xs text-slate-500">+{r.tags.length - 4}</span> : null}
                  </div>
                </td>
                <td className="hidden whitespace-nowrap px-4 py-3 text-slate-500 sm:table-cell">{r.created}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
