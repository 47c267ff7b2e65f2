"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { CampaignStatus } from "@/db/schema";
import { CampaignStatusBadge } from "./campaign-status-badge";

/** What the detail page shows live; the progress route answers exactly this. */
export type LiveCampaign = {
  status: CampaignStatus;
  progress: { total: number; queued: number; sent: number; failed: number; cancelled: number };
  opens: number;
  clicks: number;
  unsubscribes: number;
};

const numFmt = new Intl.NumberFormat("en-US");
const pctFmt = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
// Every 2 s while messages go out; a scheduled or paused campaign changes rarely (until it starts or resumes).
const pollMs = (s: CampaignStatus) => (s === "sending" ? 2000 : 15000);
const finished = (s: CampaignStatus) => s === "sent" || s === "cancelled" || s === "draft";

const share = (n: number, of: number) => (of > 0 ? Math.min(100, (n / of) * 100) : 0);

/**
 * The live progress bar and stats: polls the campaign's progress route every 2 s while it sends
 * (less often while scheduled or paused) until it is sent or cancelled, and refreshes the page
 * when the status changes, so the Pause/Resume/Cancel buttons follow.
 */
export function CampaignProgress({ slug, id, initial }: { slug: string; id: string; initial: LiveCampaign }) {
  const router = useRouter();
  const [live, setLive] = useState(initial);
  const [stale, setStale] = useState(false);
  useEffect(() => {
    if (finished(live.status)) return;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/o/${slug}/campaigns/${id}/progress`, { cache: "no-store" });
        if (!res.ok) throw new Error(String(res.status));
        const next = (await res.json()) as LiveCampaign;
        setStale(false);
        setLive(next);
        if (next.status !== live.status) router.refresh();
      } catch {
        // A missed poll is retried on the next tick; say the numbers may be behind.
        setStale(true);
        setLive((x) => ({ ...x }));
      }
    }, pollMs(live.status));
    return () => clearTimeout(timer);
  }, [live, slug, id, router]);

  const { total, queued, sent, failed, cancelled } = live.progress;
  const done = sent + failed + cancelled;
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  const legend = [
    { label: "Sent", n: sent, swatch: "bg-brand-600" },
    { label: "Failed", n: failed, swatch: "bg-red-500" },
    { label: "Cancelled", n: cancelled, swatch: "bg-slate-400" },
    { label: "Queued", n: queued, swatch: "bg-slate-200" },
  ];
  const rate = (n: number) => (sent > 0 ? `${pctFmt.format(n / sent)} of sent` : "—");
  return (
    <div className="space-y-5">
      <div className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
          <span className="inline-flex items-center gap-2">
            <CampaignStatusBadge status={live.status} />
            {live.status === "sending" ? "Sending…" : live.status === "paused" ? "Paused: nothing more goes out until you resume." : null}
            {live.status === "scheduled" ? "Waiting for the start time." : null}
          </span>
          <span className="tabular-nums" data-testid="campaign-progress-text">
            {numFmt.format(done)} / {numFmt.format(total)} done ({pct}%)
          </span>
        </div>
        <div
          role="progressbar"
          aria-label="Campaign progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-valuetext={`${pct}%: ${numFmt.format(sent)} sent, ${numFmt.format(failed)} failed, ${numFmt.format(cancelled)} cancelled, ${numFmt.format(queued)} queued`}
          className="flex h-3 overflow-hidden rounded-full bg-slate-100"
        >
          <div className="h-full bg-brand-600 transition-all" style={{ width: `${share(sent, total)}%` }} />
          <div className="h-full bg-red-500 transition-all" style={{ width: `${share(failed, total)}%` }} />
          <div className="h-full bg-slate-400 transition-all" style={{ width: `${share(cancelled, total)}%` }} />
        </div>
        <ul className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-600" aria-live="polite">
          {legend.map((l) => (
            <li key={l.label} className="inline-flex items-center gap-1.5">
              <span className={`h-2.5 w-2.5 rounded-sm ${l.swatch}`} aria-hidden="true" />
              {l.label} <span className="font-medium tabular-nums text-slate-900">{numFmt.format(l.n)}</span>
            </li>
          ))}
        </ul>
        {stale ? <p className="text-xs text-amber-700">Could not refresh the numbers; retrying.</p> : null}
      </div>
      <dl className="grid grid-cols-3 gap-4 border-t border-slate-100 pt-4">
        {(
          [
            ["Opened", live.opens],
            ["Clicked", live.clicks],
            ["Unsubscribed", live.unsubscribes],
          ] as const
        ).map(([label, n]) => (
          <div key={label}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{numFmt.format(n)}</dd>
            <dd className="text-xs text-slate-500">{rate(n)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
