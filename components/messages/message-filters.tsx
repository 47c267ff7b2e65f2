import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { MESSAGE_STATUSES } from "@/lib/messages/message-view";
import { messageStatusLabel } from "./message-status-badge";

type Option = { value: string; label: string };
export type MessageFilterValues = { q?: string; status?: string; campaignId?: string; senderId?: string; from?: string; to?: string; contactId?: string };

const controlClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200 aria-[invalid=true]:border-red-500";
const labelClass = "mb-1 block text-xs font-medium uppercase tracking-wide text-slate-500";

function Select({ name, label, value, options, error, className }: { name: string; label: string; value?: string; options: Option[]; error?: string; className?: string }) {
  return (
    <div className={className}>
      <label htmlFor={`filter-${name}`} className={labelClass}>
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={controlClass} aria-invalid={error ? true : undefined} aria-describedby={error ? `filter-${name}-error` : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`filter-${name}-error`} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function DateInput({ name, label, value, error }: { name: string; label: string; value?: string; error?: string }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className={labelClass}>
        {label}
      </label>
      <input
        id={`filter-${name}`}
        name={name}
        type="date"
        defaultValue={value ?? ""}
        className={controlClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `filter-${name}-error` : undefined}
      />
      {error ? (
        <p id={`filter-${name}-error`} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A plain GET form: each filter is a query parameter, so a filtered log is a URL to bookmark or
 * paste into a support ticket, and it works before any script has loaded.
 */
export function MessageFilters({
  slug,
  values,
  campaigns,
  senders,
  errors = {},
}: {
  slug: string;
  values: MessageFilterValues;
  campaigns: Option[];
  senders: Option[];
  errors?: Record<string, string>;
}) {
  return (
    <form method="get" action={`/o/${slug}/messages`} role="search" aria-label="Filter messages" className="space-y-3">
      {values.contactId ? <input type="hidden" name="contactId" value={values.contactId} /> : null}
      <div>
        <label htmlFor="filter-q" className={labelClass}>
          Recipient
        </label>
        <input id="filter-q" name="q" type="search" defaultValue={values.q ?? ""} placeholder="E-mail address or phone number" className={controlClass} />
      </div>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Select
          name="status"
          label="Status"
          value={values.status}
          error={errors.status}
          options={[{ value: "", label: "Any status" }, ...MESSAGE_STATUSES.map((s) => ({ value: s, label: messageStatusLabel(s) }))]}
        />
        <Select name="campaignId" label="Campaign" value={values.campaignId} error={errors.campaignId} options={[{ value: "", label: "Any campaign" }, ...campaigns]} />
        <Select name="senderId" label="Sender" value={values.senderId} error={errors.senderId} options={[{ value: "", label: "Any sender" }, ...senders]} className="col-span-2 lg:col-span-1" />
        <DateInput name="from" label="From (UTC)" value={values.from} error={errors.from} />
        <DateInput name="to" label="To (UTC)" value={values.to} error={errors.to} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass("primary", "sm")}>
          Apply filters
        </button>
        <Link href={`/o/${slug}/messages`} className={buttonClass("ghost", "sm")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
