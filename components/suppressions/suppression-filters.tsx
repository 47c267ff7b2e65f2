import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { ALL_REASON_OPTIONS, CHANNEL_OPTIONS } from "./options";

/** A plain GET form: filters live in the URL, so a filtered view can be shared and reloaded. */
export function SuppressionFilters({ slug, q, channel, reason }: { slug: string; q?: string; channel?: string; reason?: string }) {
  const filtered = Boolean(q || channel || reason);
  return (
    <form method="get" action={`/o/${slug}/suppressions`} role="search" className="grid gap-3 sm:grid-cols-[1fr_9rem_11rem_auto] sm:items-end">
      <Field label="Search" name="q" type="search" defaultValue={q} placeholder="Address" />
      <SelectField label="Channel" name="channel" id="filter-channel" defaultValue={channel ?? ""} options={[{ value: "", label: "All" }, ...CHANNEL_OPTIONS]} />
      <SelectField label="Reason" name="reason" id="filter-reason" defaultValue={reason ?? ""} options={[{ value: "", label: "All" }, ...ALL_REASON_OPTIONS]} />
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
        {filtered ? (
          <Link href={`/o/${slug}/suppressions`} className={buttonClass("ghost")}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
