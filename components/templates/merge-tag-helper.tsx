"use client";

import { attributeExample, MERGE_VARIABLES } from "@/lib/content/merge-vars";

/**
 * The variables a template may use. Choosing one inserts its tag at the cursor of the field last
 * edited; they are buttons, so the list works from the keyboard too.
 */
export function MergeTagHelper({ attributes, onInsert }: { attributes: { key: string; label: string }[]; onInsert: (tag: string) => void }) {
  const items = [...MERGE_VARIABLES.map((v) => ({ label: v.label, tag: v.example })), ...attributes.map((a) => ({ label: a.label, tag: attributeExample(a.key) }))];
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">Merge tags</h3>
      <p className="mb-2 text-xs text-slate-500">Insert at the cursor of the field you last edited.</p>
      <ul className="space-y-1" aria-label="Merge tags">
        {items.map((item) => (
          <li key={item.tag}>
            <button
              type="button"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onInsert(item.tag)}
              className="w-full rounded px-2 py-1 text-left text-xs hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-500"
            >
              <span className="block font-medium text-slate-800">{item.label}</span>
              <code className="block truncate text-slate-500">{item.tag}</code>
            </button>
          </li>
        ))}
      </ul>
      {attributes.length === 0 ? <p className="mt-2 text-xs text-slate-500">Custom attributes appear here once declared under Contacts → Attributes.</p> : null}
    </div>
  );
}
