import { CheckIcon, ClockIcon, MailIcon, MessageIcon, PauseIcon } from "./icons";

const STATS = [
  { label: "Delivered", value: "48,210" },
  { label: "Opened", value: "52.4%" },
  { label: "Clicked", value: "11.8%" },
  { label: "Unsubscribed", value: "0.2%" },
];

const ZONES = [
  { zone: "America/New_York", local: "09:00", state: "Delivered", pct: 100 },
  { zone: "Europe/Lisbon", local: "09:00", state: "Sending", pct: 64 },
  { zone: "Asia/Tokyo", local: "09:00", state: "Scheduled", pct: 0 },
];

/** A static mock of a campaign mid-delivery; purely illustrative. */
export function HeroIllustration() {
  return (
    <figure className="relative">
      <figcaption className="sr-only">
        Illustration: a campaign called Spring launch delivering at 9:00 in each recipient&apos;s timezone, with its
        delivery, open, click and unsubscribe figures.
      </figcaption>
      <div aria-hidden="true" className="relative">
        <div className="absolute -inset-4 -z-10 rounded-[2rem] bg-linear-to-tr from-brand-200/60 via-white to-sky-100 blur-2xl" />
        <div className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-2xl shadow-brand-900/10 ring-1 ring-slate-900/5">
          <div className="flex items-center gap-2 border-b border-slate-100 bg-slate-50/80 px-4 py-3">
            <span className="size-2.5 rounded-full bg-slate-300" />
            <span className="size-2.5 rounded-full bg-slate-300" />
            <span className="size-2.5 rounded-full bg-slate-300" />
            <span className="ml-3 text-xs text-slate-500">Campaigns / Spring launch</span>
          </div>

          <div className="space-y-5 p-5 sm:p-6">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <div className="flex items-center gap-2">
                  <p className="font-semibold text-slate-900">Spring launch</p>
                  <span className="inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-600/20">
                    <span className="size-1.5 animate-pulse rounded-full bg-emerald-500" />
                    Sending
                  </span>
                </div>
                <div className="mt-2 flex gap-2 text-xs text-slate-600">
                  <span className="inline-flex items-center gap-1 rounded-md bg-slate-100 px-2 py-1">
                    <MailIcon className="size-3.5" /> Email
                  </span>
                  <span className="inline-flex items-center gap-1 rounded-md bg-slate-100 px-2 py-1">
                    <MessageIcon className="size-3.5" /> SMS follow-up
                  </span>
                </div>
              </div>
              <span className="inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-xs font-medium text-slate-700">
                <PauseIcon className="size-3.5" /> Pause
              </span>
            </div>

            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              {STATS.map((s) => (
                <div key={s.label} className="rounded-lg border border-slate-100 bg-slate-50/60 p-3">
                  <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{s.label}</dt>
                  <dd className="mt-1 text-lg font-semibold tabular-nums text-slate-900">{s.value}</dd>
                </div>
              ))}
            </dl>

            <div className="rounded-xl border border-slate-100 p-4">
              <div className="flex flex-wrap items-center justify-between gap-2 text-xs">
                <span className="inline-flex items-center gap-1.5 font-medium text-slate-700">
                  <ClockIcon className="size-4 text-brand-600" /> Recipient timezone
                </span>
                <span className="text-slate-500">Business hours · Mon–Fri 09:00–17:00</span>
              </div>
              <ul className="mt-4 space-y-3">
                {ZONES.map((z) => (
                  <li key={z.zone} className="grid grid-cols-[7.5rem_1fr_auto] items-center gap-3 text-xs sm:grid-cols-[9rem_1fr_5.5rem]">
                    <span className="truncate font-mono text-slate-600">{z.zone}</span>
                    <span className="h-1.5 overflow-hidden rounded-full bg-slate-100">
                      <span
                        className={`block h-full rounded-full ${z.pct === 100 ? "bg-emerald-500" : "bg-brand-500"}`}
                        style={{ width: `${z.pct}%` }}
                      />
                    </span>
                    <span className="inline-flex items-center justify-end gap-1 text-slate-500">
                      {z.pct === 100 ? <CheckIcon className="size-3.5 text-emerald-600" /> : null}
                      {z.pct === 0 ? `${z.local} local` : z.state}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      </div>
    </figure>
  );
}
