"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ImportProgress as Progress } from "@/lib/audience/imports/get-import";
import { describeTimeLeft } from "@/lib/audience/imports/time-left";

/** Polls the import's counts every second while it runs; refreshes the page when it ends. */
export function ImportProgress({ slug, initial }: { slug: string; initial: Progress }) {
  const router = useRouter();
  const [p, setP] = useState(initial);
  useEffect(() => {
    if (p.status === "completed" || p.status === "failed") return;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/o/${slug}/imports/${p.id}/progress`, { cache: "no-store" });
        if (!res.ok) return;
        const next = (await res.json()) as Progress;
        setP(next);
        if (next.status === "completed" || next.status === "failed") router.refresh();
      } catch {
        // A missed poll is retried on the next tick.
        setP((x) => ({ ...x }));
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [p, slug, router]);

  const total = Math.max(p.totalRows ?? 0, p.processedRows);
  const pct = total ? Math.min(100, Math.round((p.processedRows / total) * 100)) : 0;
  return (
    <div className="space-y-2">
      <div className="flex justify-between text-sm text-slate-600">
        <span>
          {p.status === "queued" ? "Waiting to start…" : "Importing…"}
          {p.secondsLeft !== null ? <span data-testid="import-time-left"> {describeTimeLeft(p.secondsLeft)}</span> : null}
        </span>
        <span className="tabular-nums">
          {p.processedRows.toLocaleString("en-US")} / {total ? total.toLocaleString("en-US") : "…"} rows
        </span>
      </div>
      <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-3 overflow-hidden rounded-full bg-slate-100">
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-slate-500" aria-live="polite">
        {p.createdCount.toLocaleString("en-US")} created · {p.updatedCount.toLocaleString("en-US")} updated · {p.skippedCount.toLocaleString("en-US")} skipped ·{" "}
        {p.failedCount.toLocaleString("en-US")} failed
      </p>
    </div>
  );
}
