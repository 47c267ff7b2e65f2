import type { MessageTimelineEntry } from "@/lib/messages/get-message";
import { When } from "./when";

const LABEL: Record<string, string> = {
  queued: "Queued",
  sending: "Handed to the provider",
  sent: "Accepted by the provider",
  retry: "Will retry",
  failed: "Failed",
  delivered: "Delivered",
  open: "Opened",
  click: "Clicked a link",
  bounce: "Bounced",
  soft_bounce: "Soft bounce (address kept)",
  dropped: "Dropped by the provider",
  complaint: "Marked as spam",
  unsubscribe: "Unsubscribed",
  suppressed: "Suppressed",
  cancelled: "Cancelled",
};

const DOT: Record<string, string> = {
  failed: "bg-red-500",
  bounce: "bg-red-500",
  complaint: "bg-red-500",
  retry: "bg-amber-500",
  soft_bounce: "bg-amber-500",
  dropped: "bg-amber-500",
  unsubscribe: "bg-amber-500",
  suppressed: "bg-amber-500",
  cancelled: "bg-slate-400",
  delivered: "bg-emerald-500",
  open: "bg-emerald-500",
  click: "bg-emerald-500",
};

function show(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/** What happened to a message, oldest first. Event data is shown as text, never as markup or links. */
export function EventTimeline({ events, truncated }: { events: MessageTimelineEntry[]; truncated: boolean }) {
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-5" aria-label="Event timeline">
      {events.map((e, i) => {
        const data = e.data ? Object.entries(e.data).filter(([, v]) => v !== null && v !== undefined && v !== "") : [];
        return (
          <li key={i} className="relative" data-testid="message-event">
            <span className={`absolute -left-[1.6rem] top-1.5 h-2.5 w-2.5 rounded-full ring-4 ring-white ${DOT[e.kind] ?? "bg-brand-500"}`} aria-hidden="true" />
            <div className="flex flex-wrap items-baseline justify-between gap-x-4">
              <p className="text-sm font-medium text-slate-900">
                {LABEL[e.kind] ?? e.kind} <span className="font-mono text-xs font-normal text-slate-400">{e.kind}</span>
              </p>
              <p className="text-xs text-slate-500">
                <When date={e.at} seconds />
              </p>
            </div>
            {data.length ? (
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs">
                {data.map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-slate-500">{k}</dt>
                    <dd className="break-all font-mono text-slate-700">{show(v)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        );
      })}
      {truncated ? <li className="text-xs text-slate-500">Later events are not shown.</li> : null}
    </ol>
  );
}
