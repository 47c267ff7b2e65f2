const numFmt = new Intl.NumberFormat("en-US");

/** Sent today against the daily cap, as numbers and a bar that screen readers read as a meter. */
export function CapProgress({ sent, cap, size = "sm" }: { sent: number; cap: number; size?: "sm" | "lg" }) {
  const pct = cap > 0 ? Math.min(100, Math.round((sent / cap) * 100)) : 0;
  const tone = pct >= 100 ? "bg-amber-500" : "bg-brand-600";
  return (
    <div className={size === "lg" ? "space-y-2" : "min-w-28 space-y-1"}>
      <div className={`tabular-nums ${size === "lg" ? "text-2xl font-semibold text-slate-900" : "text-sm"}`}>
        {numFmt.format(sent)} <span className="text-slate-500">/ {numFmt.format(cap)}</span>
      </div>
      <div
        role="meter"
        aria-valuemin={0}
        aria-valuemax={cap}
        aria-valuenow={Math.min(sent, cap)}
        aria-label="Sent today against the daily cap"
        className={`w-full overflow-hidden rounded-full bg-slate-100 ${size === "lg" ? "h-3" : "h-1.5"}`}
      >
        <div className={`h-full ${tone}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
