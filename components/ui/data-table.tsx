import type { ComponentProps, ReactNode } from "react";

/**
 * The dashboard's table: scrolls sideways on small screens, a muted header row, divided body
 * rows. Callers give the header cells (`Th`) and the body rows; the markup stays plain HTML.
 */
export function DataTable({ caption, head, children }: { caption?: string; head: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/** A header cell; `className` adds alignment or responsive visibility. */
export function Th({ className = "", ...props }: ComponentProps<"th">) {
  return <th scope="col" className={`px-5 py-2 font-medium ${className}`.trim()} {...props} />;
}
