/**
 * Wall-clock time in an IANA time zone <-> instants, with nothing but `Intl.DateTimeFormat`.
 *
 * A wall-clock time is handled as "local epoch milliseconds": the number of milliseconds the
 * local clock shows since 1970-01-01T00:00 as if it were UTC. That makes calendar arithmetic on
 * local days plain integer arithmetic (a local day is `DAY_MS` of wall clock, whatever DST does
 * to the instants in between).
 *
 * Converting a wall-clock time to an instant is not a function in general: in a spring-forward
 * gap the time never happens, in a fall-back fold it happens twice. Herald's rule is one
 * definition that covers both: **the instant a wall-clock time stands for is the first instant
 * at which the local clock reads that time or later**. So
 * - in a fold, the earlier of the two instants (Europe/Berlin 2026-10-25 02:30 -> 00:30Z, CEST);
 * - in a gap, the instant the clock jumps (Europe/Berlin 2026-03-29 02:30 -> 01:00Z, which the
 *   clock shows as 03:00 CEST): a window that opens at 02:30 opens when the clock passes 02:30,
 *   and one that closes at 02:30 has closed by then.
 * Postgres' `timestamp AT TIME ZONE tz` differs on both (fold -> the later instant; gap ->
 * shifted by the gap's length, 03:30 CEST): SQL that mirrors this must not rely on it there.
 */
import { isValidTimezone } from "@/lib/timezones";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True for a zone name this runtime's ICU knows ("Asia/Tokyo", "UTC"). */
export function isValidTimeZone(tz: string | null | undefined): tz is string {
  return Boolean(tz) && isValidTimezone(tz!);
}

/** The zone's UTC offset at `instantMs`, in milliseconds (Tokyo: +9h; New York in winter: -5h). */
export function offsetAt(instantMs: number, tz: string): number {
  const parts = formatterFor(tz).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  // Intl shows whole seconds; compare against the instant floored to the second.
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** Local epoch milliseconds that the clock in `tz` shows at `instantMs`. */
export const wallMsAt = (instantMs: number, tz: string) => instantMs + offsetAt(instantMs, tz);

/**
 * Every instant at which the clock in `tz` reads `wallMs`, earliest first: one normally, two in
 * a fold, none in a gap. Offsets are sampled a day either side, which holds for any zone whose
 * transitions are more than two days apart (all of them since 1995).
 */
export function instantsAt(wallMs: number, tz: string): number[] {
  const offsets = new Set([offsetAt(wallMs - DAY_MS, tz), offsetAt(wallMs + DAY_MS, tz)]);
  const found: number[] = [];
  for (const offset of offsets) {
    const candidate = wallMs - offset;
    if (offsetAt(candidate, tz) === offset && !found.includes(candidate)) found.push(candidate);
  }
  return found.sort((a, b) => a - b);
}

/** The instant a gap containing `wallMs` ends (the clock jumps over `wallMs` there). */
function gapEnd(wallMs: number, tz: string): number {
  const before = offsetAt(wallMs - DAY_MS, tz);
  const after = offsetAt(wallMs + DAY_MS, tz);
  // Before the jump the clock is behind `wallMs`, after it ahead: bisect to the millisecond.
  let lo = wallMs - Math.max(before, after);
  let hi = wallMs - Math.min(before, after);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallMsAt(mid, tz) >= wallMs) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The first instant at which the clock in `tz` reads `wallMs` or later (see the module note). */
export function wallMsToInstant(wallMs: number, tz: string): number {
  const at = instantsAt(wallMs, tz);
  return at.length ? at[0] : gapEnd(wallMs, tz);
}

/**
 * The first instant at or after `fromMs` at which the clock reads `wallMs` or later, for a
 * `wallMs` ahead of the clock at `fromMs`. Differs from `wallMsToInstant` only inside a fold,
 * where the second reading of the time can be the next one.
 */
export function nextInstantAtWall(fromMs: number, wallMs: number, tz: string): number {
  const at = instantsAt(wallMs, tz);
  if (!at.length) return Math.max(fromMs, gapEnd(wallMs, tz));
  return at.find((i) => i >= fromMs) ?? Math.max(fromMs, at[at.length - 1]);
}

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** "2026-12-01T09:00" (seconds and milliseconds optional, a space allowed for the T) -> local epoch ms. */
export function parseLocalISO(localISO: string): number {
  const m = LOCAL_ISO.exec(localISO.trim());
  if (!m) throw new RangeError(`Not a local date-time: "${localISO}"`);
  const [y, mo, d, h, mi, s = "0", ms = "0"] = m.slice(1);
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, +ms.padEnd(3, "0"));
  const check = new Date(wall);
  // Date.UTC rolls 2026-02-30 over to March: refuse instead of guessing.
  if (check.getUTCFullYear() !== +y || check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) {
    throw new RangeError(`Not a local date-time: "${localISO}"`);
  }
  return wall;
}

/** Local epoch ms -> "2026-12-01T09:00:00" (milliseconds shown only when there are any). */
export function formatLocalISO(wallMs: number): string {
  const iso = new Date(wallMs).toISOString();
  return iso.endsWith(".000Z") ? iso.slice(0, 19) : iso.slice(0, 23);
}

/** The instant that `localISO` stands for in `tz`: gaps resolve forward, folds to the earlier instant. */
export function wallClockToInstant(localISO: string, tz: string): Date {
  return new Date(wallMsToInstant(parseLocalISO(localISO), tz));
}

/** What the clock in `tz` shows at `date`, as "YYYY-MM-DDTHH:mm:ss". */
export function instantToWallClock(date: Date, tz: string): string {
  return formatLocalISO(wallMsAt(date.getTime(), tz));
}
