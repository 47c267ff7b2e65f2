import { PLANS } from "@/lib/billing/plans";
import {
  CalendarIcon,
  CheckIcon,
  ClockIcon,
  CursorIcon,
  EyeIcon,
  FilterIcon,
  GlobeIcon,
  KeyIcon,
  PauseIcon,
  PlayIcon,
  ServerIcon,
  UploadIcon,
} from "./icons";
import { formatCount, formatPer1000 } from "./pricing-format";
import { VisualFrame } from "./feature-section";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export function ScheduleVisual() {
  return (
    <VisualFrame>
      <div className="flex items-center justify-between">
        <p className="text-sm font-semibold text-slate-900">Schedule</p>
        <div className="flex gap-2">
          <span className="inline-flex h-7 items-center gap-1 rounded-md border border-slate-300 px-2.5 text-xs font-medium text-slate-700">
            <PauseIcon className="size-3.5" /> Pause
          </span>
          <span className="inline-flex h-7 items-center gap-1 rounded-md bg-brand-600 px-2.5 text-xs font-medium text-white">
            <PlayIcon className="size-3.5" /> Resume
          </span>
        </div>
      </div>

      <div className="mt-5 grid gap-3 sm:grid-cols-2">
        <div className="rounded-lg border border-slate-200 p-3">
          <p className="flex items-center gap-1.5 text-xs font-medium text-slate-500">
            <CalendarIcon className="size-4" /> Send on
          </p>
          <p className="mt-1 text-sm font-medium text-slate-900">Tue, 14 Apr · 09:00</p>
        </div>
        <div className="rounded-lg border border-brand-200 bg-brand-50 p-3">
          <p className="flex items-center gap-1.5 text-xs font-medium text-brand-700">
            <GlobeIcon className="size-4" /> Timezone
          </p>
          <p className="mt-1 text-sm font-medium text-slate-900">Each recipient&apos;s own</p>
        </div>
      </div>

      <div className="mt-5">
        <p className="flex items-center gap-1.5 text-xs font-medium text-slate-500">
          <ClockIcon className="size-4" /> Business hours
        </p>
        <div className="mt-3 grid grid-cols-7 gap-1.5">
          {DAYS.map((day, i) => {
            const open = i < 5;
            return (
              <div key={day} className="text-center">
                <div className={`h-16 rounded-md ${open ? "bg-slate-100" : "bg-slate-50"} relative overflow-hidden`}>
                  {open ? <div className="absolute inset-x-0 top-[37%] h-[34%] rounded-sm bg-brand-500/80" /> : null}
                </div>
                <span className={`mt-1 block text-[11px] ${open ? "text-slate-600" : "text-slate-400"}`}>{day}</span>
              </div>
            );
          })}
        </div>
        <p className="mt-2 text-xs text-slate-500">09:00–17:00 local. Messages outside the window wait for the next one.</p>
      </div>
    </VisualFrame>
  );
}

const CSV_COLUMNS = [
  { column: "email", field: "Email" },
  { column: "phone", field: "Phone" },
  { column: "first_name", field: "First name" },
  { column: "tz", field: "Timezone" },
];

export function AudienceVisual() {
  return (
    <VisualFrame>
      <div className="rounded-xl border border-dashed border-slate-300 bg-slate-50/60 p-4">
        <div className="flex items-center gap-3">
          <span className="flex size-9 items-center justify-center rounded-lg bg-white text-brand-600 ring-1 ring-slate-200">
            <UploadIcon className="size-5" />
          </span>
          <div className="min-w-0">
            <p className="truncate text-sm font-medium text-slate-900">customers.csv</p>
            <p className="text-xs text-slate-500">12,480 rows · 4 columns mapped</p>
          </div>
          <span className="ml-auto rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-600/20">
            Imported
          </span>
        </div>
        <ul className="mt-4 grid grid-cols-2 gap-2 text-xs">
          {CSV_COLUMNS.map((m) => (
            <li key={m.column} className="flex items-center justify-between rounded-md bg-white px-2.5 py-1.5 ring-1 ring-slate-200">
              <span className="font-mono text-slate-500">{m.column}</span>
              <span className="text-slate-900">{m.field}</span>
            </li>
          ))}
        </ul>
      </div>

      <div className="mt-5">
        <p className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
          <FilterIcon className="size-4 text-brand-600" /> Segment: Customers in Portugal
        </p>
        <div className="mt-3 space-y-2 text-xs">
          <div className="flex flex-wrap items-center gap-1.5 rounded-lg bg-slate-50 p-2.5 ring-1 ring-slate-200">
            <span className="rounded bg-white px-2 py-1 font-medium text-slate-700 ring-1 ring-slate-200">Country</span>
            <span className="text-slate-500">is</span>
            <span className="rounded bg-white px-2 py-1 font-medium text-slate-700 ring-1 ring-slate-200">Portugal</span>
          </div>
          <p className="pl-2 text-[11px] font-semibold uppercase tracking-wide text-slate-400">and</p>
          <div className="flex flex-wrap items-center gap-1.5 rounded-lg bg-slate-50 p-2.5 ring-1 ring-slate-200">
            <span className="rounded bg-white px-2 py-1 font-medium text-slate-700 ring-1 ring-slate-200">List</span>
            <span className="text-slate-500">includes</span>
            <span className="rounded bg-white px-2 py-1 font-medium text-slate-700 ring-1 ring-slate-200">Customers</span>
          </div>
        </div>
        <div className="mt-4 flex items-center justify-between rounded-lg bg-brand-50 px-3 py-2.5">
          <span className="text-xs font-medium text-brand-700">Matching contacts</span>
          <span className="text-sm font-semibold tabular-nums text-brand-900">2,314</span>
        </div>
      </div>
    </VisualFrame>
  );
}

export function SmtpRelayCard() {
  const rows = [
    { label: "Works with", value: "Any SMTP client or library" },
    { label: "Authentication", value: "A Herald API key" },
    { label: "Tracking", value: "Same as the API" },
  ];
  return (
    <div className="rounded-2xl bg-white/5 p-5 ring-1 ring-white/10">
      <p className="flex items-center gap-2 text-sm font-semibold text-white">
        <ServerIcon className="size-5 text-brand-200" /> SMTP relay
      </p>
      <p className="mt-2 text-sm leading-6 text-slate-400">
        Already sending from an app, a CMS or a legacy system? Point its SMTP settings at Herald and keep your code.
      </p>
      <dl className="mt-4 divide-y divide-white/10 text-sm">
        {rows.map((r) => (
          <div key={r.label} className="flex justify-between gap-4 py-2">
            <dt className="text-slate-400">{r.label}</dt>
            <dd className="text-right text-slate-200">{r.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function ApiKeyCard() {
  return (
    <div className="rounded-2xl bg-white/5 p-5 ring-1 ring-white/10">
      <p className="flex items-center gap-2 text-sm font-semibold text-white">
        <KeyIcon className="size-5 text-brand-200" /> API keys
      </p>
      <p className="mt-2 text-sm leading-6 text-slate-400">
        Create a key per service, send with a Bearer header, and revoke it from the dashboard the moment it leaks.
      </p>
    </div>
  );
}

export function TrackingVisual() {
  const events = [
    { icon: <CheckIcon className="size-4" />, tone: "bg-slate-100 text-slate-600", label: "Delivered", time: "09:00:04" },
    { icon: <EyeIcon className="size-4" />, tone: "bg-sky-50 text-sky-700", label: "Opened", time: "09:12:37" },
    { icon: <CursorIcon className="size-4" />, tone: "bg-brand-50 text-brand-700", label: "Clicked “See the new plans”", time: "09:13:02" },
    { icon: <CheckIcon className="size-4" />, tone: "bg-amber-50 text-amber-700", label: "Unsubscribed (one click)", time: "09:20:45" },
  ];
  return (
    <VisualFrame>
      <p className="text-sm font-semibold text-slate-900">ana@example.com</p>
      <p className="text-xs text-slate-500">Spring launch · Email</p>
      <ol className="relative mt-5 space-y-4 before:absolute before:left-[15px] before:top-2 before:bottom-2 before:w-px before:bg-slate-200">
        {events.map((e) => (
          <li key={e.label} className="relative flex items-center gap-3">
            <span className={`relative flex size-8 items-center justify-center rounded-full ring-4 ring-white ${e.tone}`}>{e.icon}</span>
            <span className="text-sm text-slate-700">{e.label}</span>
            <span className="ml-auto font-mono text-xs text-slate-400">{e.time}</span>
          </li>
        ))}
      </ol>
      <div className="mt-6 overflow-x-auto rounded-lg bg-slate-950 p-4 font-mono text-[12px] leading-5 text-slate-300">
        <p>
          <span className="text-sky-300">List-Unsubscribe:</span> &lt;https://herald.example.com/u/…&gt;
        </p>
        <p>
          <span className="text-sky-300">List-Unsubscribe-Post:</span> List-Unsubscribe=One-Click
        </p>
      </div>
    </VisualFrame>
  );
}

const BARS = [38, 52, 47, 61, 55, 72, 66, 80, 74, 88, 79, 92];

export function AnalyticsVisual() {
  const metrics = [
    { label: "Delivery rate", value: "99.1%", delta: "+0.4" },
    { label: "Open rate", value: "48.7%", delta: "+3.2" },
    { label: "Click rate", value: "9.6%", delta: "+1.1" },
  ];
  return (
    <VisualFrame>
      <div className="flex items-center justify-between">
        <p className="text-sm font-semibold text-slate-900">Last 12 weeks</p>
        <span className="rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-600">Email + SMS</span>
      </div>
      <dl className="mt-4 grid grid-cols-3 gap-3">
        {metrics.map((m) => (
          <div key={m.label}>
            <dt className="text-xs text-slate-500">{m.label}</dt>
            <dd className="mt-1 flex items-baseline gap-1.5">
              <span className="text-xl font-semibold tabular-nums text-slate-900">{m.value}</span>
              <span className="text-xs font-medium text-emerald-600">{m.delta}</span>
            </dd>
          </div>
        ))}
      </dl>
      <div className="mt-6 flex h-40 items-end gap-2 border-b border-slate-200 pb-px">
        {BARS.map((h, i) => (
          <div key={i} className="relative h-full flex-1">
            <div className="absolute inset-x-0 bottom-0 rounded-t-sm bg-brand-200" style={{ height: `${h * 0.9}%` }} />
            <div className="absolute inset-x-0 bottom-0 rounded-t-sm bg-brand-600" style={{ height: `${h * 0.25}%` }} />
          </div>
        ))}
      </div>
      <div className="mt-3 flex gap-4 text-xs text-slate-500">
        <span className="inline-flex items-center gap-1.5">
          <span className="size-2 rounded-sm bg-brand-200" /> Opens
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="size-2 rounded-sm bg-brand-600" /> Clicks
        </span>
      </div>
    </VisualFrame>
  );
}

export function BillingVisual() {
  const basic = PLANS.basic;
  const used = Math.round(basic.includedEmails * 0.76);
  const members = [
    { name: "Maya Chen", role: "Owner" },
    { name: "Tomás Silva", role: "Admin" },
    { name: "Priya Nair", role: "Member" },
  ];
  return (
    <VisualFrame>
      <div className="flex items-center justify-between">
        <p className="text-sm font-semibold text-slate-900">Acme team</p>
        <span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-brand-200">
          {basic.name} plan
        </span>
      </div>
      <ul className="mt-4 divide-y divide-slate-100">
        {members.map((m) => (
          <li key={m.name} className="flex items-center gap-3 py-2.5">
            <span className="flex size-8 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">
              {m.name
                .split(" ")
                .map((p) => p[0])
                .join("")}
            </span>
            <span className="text-sm text-slate-800">{m.name}</span>
            <span className="ml-auto rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{m.role}</span>
          </li>
        ))}
      </ul>
      <div className="mt-5 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
        <div className="flex items-baseline justify-between text-xs">
          <span className="font-medium text-slate-700">Emails this month</span>
          <span className="tabular-nums text-slate-500">
            {formatCount(used)} / {formatCount(basic.includedEmails)} included
          </span>
        </div>
        <div className="mt-2 h-2 overflow-hidden rounded-full bg-slate-200">
          <div className="h-full rounded-full bg-brand-600" style={{ width: "76%" }} />
        </div>
        {basic.overageEmailCents !== null ? (
          <p className="mt-3 text-xs text-slate-500">
            Past the included volume, keep sending at {formatPer1000(basic.overageEmailCents)} per 1,000 emails.
          </p>
        ) : null}
      </div>
    </VisualFrame>
  );
}
