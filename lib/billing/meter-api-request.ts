import { apiMetric, incrementUsage, type UsageIncrement } from "./increment-usage";

/**
 * API request metering for the one wrapper that authenticates API calls: `meterApiRequest`
 * only bumps an in-memory tally (no I/O on the request path); the tally is written as one
 * batched `incrementUsage` statement every second or every 1,000 requests. A failed write puts
 * the counts back for the next flush. At most the last second of counts is lost if the process
 * dies, which under-bills rather than double-bills.
 */
const FLUSH_EVERY_MS = 1_000;
const FLUSH_AT = 1_000;

type Meter = { pending: Map<string, UsageIncrement>; size: number; timer: NodeJS.Timeout | null; flushing: Promise<void> | null };
const g = globalThis as unknown as { __heraldApiMeter?: Meter };
const meter = (): Meter => (g.__heraldApiMeter ??= { pending: new Map(), size: 0, timer: null, flushing: null });

function add(m: Meter, orgId: string, metric: string, count: number) {
  const key = `${orgId}\n${metric}`;
  const row = m.pending.get(key);
  if (row) row.count += count;
  else m.pending.set(key, { orgId, metric, count });
  m.size += count;
}

function arm(m: Meter) {
  if (m.timer) return;
  m.timer = setTimeout(() => void flushApiMeter(), FLUSH_EVERY_MS);
  m.timer.unref?.();
}

export function meterApiRequest(orgId: string, endpoint: string, count = 1): void {
  const m = meter();
  add(m, orgId, apiMetric(endpoint), count);
  if (m.size >= FLUSH_AT && !m.flushing) void flushApiMeter();
  else arm(m);
}

/** Writes the pending tally now (tests, shutdown). Resolves when it is committed. */
export async function flushApiMeter(): Promise<void> {
  const m = meter();
  if (m.flushing) await m.flushing;
  if (m.timer) clearTimeout(m.timer);
  m.timer = null;
  if (m.pending.size === 0) return;
  const batch = [...m.pending.values()];
  m.pending = new Map();
  m.size = 0;
  m.flushing = incrementUsage(batch)
    .catch((e) => {
      console.error("[billing] API meter flush failed; keeping the counts for the next flush", e);
      for (const r of batch) add(m, r.orgId, r.metric, r.count);
      arm(m);
    })
    .finally(() => {
      m.flushing = null;
    });
  await m.flushing;
}
