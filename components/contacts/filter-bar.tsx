import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { CONTACT_STATUSES } from "@/lib/audience/contacts/contact-schema";
import { CONTACT_SORTS, SORT_LABELS } from "@/lib/audience/contacts/schemas";

type Option = { id: string; name: string };
export type FilterValues = { q?: string; status?: string; tag?: string; listId?: string; operatorCode?: string; segmentId?: string; sort: string };

const selectClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200";
const labelClass = "mb-1 block text-xs font-medium uppercase tracking-wide text-slate-500";

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className={labelClass}>
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={selectClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A plain GET form: every filter is a query parameter, so a filtered view is a URL that can be
 * bookmarked or shared, and it works before any script has loaded.
 */
export function FilterBar({
  slug,
  values,
  lists,
  segments,
  tags,
  operatorCodes,
}: {
  slug: string;
  values: FilterValues;
  lists: Option[];
  segments: Option[];
  tags: string[];
  operatorCodes: string[];
}) {
  const any = (label: string) => ({ value: "", label });
  return (
    <form method="get" action={`/o/${slug}/contacts`} role="search" aria-label="Filter contacts" className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
        <div>
          <label htmlFor="filter-q" className={labelClass}>
            Search
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={values.q ?? ""} placeholder="E-mail, name or phone" className={selectClass} />
        </div>
        <Select name="sort" label="Sort" value={values.sort} options={CONTACT_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Select name="status" label="Status" value={values.status} options={[any("Any status"), ...CONTACT_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) }))]} />
        <div>
          <label htmlFor="filter-tag" className={labelClass}>
            Tag
          </label>
          <input id="filter-tag" name="tag" list="filter-tags" defaultValue={values.tag ?? ""} placeholder="Any tag" className={selectClass} />
          <datalist id="filter-tags">
            {tags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </div>
        <Select name="listId" label="List" value={values.listId} options={[any("Any list"), ...lists.map((l) => ({ value: l.id, label: l.name }))]} />
        <Select name="segmentId" label="Segment" value={values.segmentId} options={[any("No segment"), ...segments.map((s) => ({ value: s.id, label: s.name }))]} />
        <div>
          <label htmlFor="filter-operatorCode" className={labelClass}>
            Operator code
          </label>
          <input id="filter-operatorCode" name="operatorCode" list="filter-operator-codes" defaultValue={values.operatorCode ?? ""} placeholder="Any" className={selectClass} />
          <datalist id="filter-operator-codes">
            {operatorCodes.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass("primary", "sm")}>
          Apply filters
        </button>
        <Link href={`/o/${slug}/contacts`} className={buttonClass("ghost", "sm")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
