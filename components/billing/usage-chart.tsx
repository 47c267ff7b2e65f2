import type { DailyPoint } from "@/lib/billing/get-usage-overview";

const SERIES = [
  { key: "emails", label: "E-mails", fill: "fill-brand-500", swatch: "bg-brand-500" },
  { key: "sms", label: "SMS", fill: "fill-emerald-500", swatch: "bg-emerald-500" },
  { key: "api", label: "API requests", fill: "fill-amber-400", swatch: "bg-amber-400" },
] as const;

/**
 * Daily usage as stacked bars, drawn as inline SVG (no chart library). The same numbers are
 * in a visually hidden table for screen readers.
 */
export function UsageChart({ points }: { points: DailyPoint[] }) {
  const W = 720;
  const H = 180;
  const pad = 24;
  const max = Math.max(1, ...points.map((p) => p.emails + p.sms + p.api));
  const slot = (W - pad) / Math.max(1, points.length);
  const bar = Math.max(2, slot * 0.7);
  const y = (v: number) => (v / max) * (H - pad);
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-48 w-full" role="img" aria-label="Daily usage this month">
        <line x1={pad} x2={W} y1={H - pad} y2={H - pad} className="stroke-slate-200" />
        <text x={0} y={12} className="fill-slate-400 text-[10px]">
          {max.toLocaleString("en-US")}
        </text>
        {points.map((p, i) => {
          let base = H - pad;
          const x = pad + i * slot + (slot - bar) / 2;
          return (
            <g key={p.day}>
              <title>{`${p.day}: ${p.emails} e-mails, ${p.sms} SMS, ${p.api} API requests`}</title>
              {SERIES.map((s) => {
                const h = y(p[s.key]);
                base -= h;
                return h > 0 ? <rect key={s.key} x={x} y={base} width={bar} height={h} className={s.fill} rx={1} /> : null;
              })}
              {(i + 1) % 5 === 0 || i === 0 ? (
                <text x={x + bar / 2} y={H - 8} textAnchor="middle" className="fill-slate-400 text-[10px]">
                  {Number(p.day.slice(8))}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
        {SERIES.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1.5">
            <span className={`h-2.5 w-2.5 rounded-sm ${s.swatch}`} aria-hidden="true" /> {s.label}
          </span>
        ))}
      </figcaption>
      <table className="sr-only">
        <caption>Daily usage</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {SERIES.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {points
            .filter((p) => p.emails + p.sms + p.api > 0)
            .map((p) => (
              <tr key={p.day}>
                <th scope="row">{p.day}</th>
                <td>{p.emails}</td>
                <td>{p.sms}</td>
                <td>{p.api}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </figure>
  );
}
