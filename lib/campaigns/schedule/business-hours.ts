import { DAY_MS, HOUR_MS, MINUTE_MS, nextInstantAtWall, wallMsAt } from "./zoned-time";

/**
 * A contact's hours: local times of day in milliseconds since local midnight, the start
 * included and the end excluded ([09:00, 18:00) takes 09:00 and 17:59:59, not 18:00).
 * The database keeps `notify_from < notify_to`; an end before the start is read as hours that
 * cross midnight (22:00-06:00), which costs nothing to support.
 */
export type Hours = { from: number; to: number };

const TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** "09:00", "09:00:00" (Postgres `time`) -> ms since midnight; "24:00" is the end of the day. */
export function parseTimeOfDay(value: string): number {
  const m = TIME_OF_DAY.exec(value.trim());
  const [h, mi, s] = m ? [+m[1], +m[2], +(m[3] ?? 0)] : [NaN, NaN, NaN];
  const endOfDay = h === 24 && mi === 0 && s === 0;
  if (!m || (!endOfDay && (h > 23 || mi > 59 || s > 59))) throw new RangeError(`Not a time of day: "${value}"`);
  return h * HOUR_MS + mi * MINUTE_MS + s * 1000;
}

/**
 * The contact's hours, or null when they set none. With only one end set the other is open:
 * only "from 09:00" means 09:00 until midnight, only "to 18:00" means midnight until 18:00.
 * Equal ends (which the database refuses) are read as no constraint rather than no hours.
 */
export function hoursOf(notifyFrom: string | null, notifyTo: string | null): Hours | null {
  if (!notifyFrom && !notifyTo) return null;
  const from = notifyFrom ? parseTimeOfDay(notifyFrom) : 0;
  const to = notifyTo ? parseTimeOfDay(notifyTo) : DAY_MS;
  if (from === to || (from === 0 && to === DAY_MS)) return null;
  return { from, to };
}

/** Whether a local time of day (ms since local midnight) falls inside the hours. */
export function inHours(timeOfDay: number, hours: Hours): boolean {
  return hours.from < hours.to
    ? timeOfDay >= hours.from && timeOfDay < hours.to
    : timeOfDay >= hours.from || timeOfDay < hours.to;
}

/** Ms since local midnight of a local epoch ms (floored, so negative epochs work too). */
export const timeOfDayOf = (wallMs: number) => wallMs - Math.floor(wallMs / DAY_MS) * DAY_MS;

// Each step moves to the next local "from", so two steps find the hours on any day that has
// them; the cap only guards against an impossible loop, never a real schedule.
const MAX_STEPS = 64;

/**
 * The first instant in [fromMs, untilMs) at which the contact's local clock is inside `hours`,
 * or null when there is none. Walks the contact's local days: inside the hours now -> now;
 * before today's start -> today's start; past today's end -> tomorrow's start. "Today's start"
 * is the first instant the clock reads it or later, so a start inside a DST gap opens when the
 * clock jumps past it, and inside a fold the next reading of it counts.
 */
export function firstInstantInHours(fromMs: number, untilMs: number, hours: Hours, tz: string): number | null {
  let t = fromMs;
  for (let step = 0; step < MAX_STEPS && t < untilMs; step++) {
    const wall = wallMsAt(t, tz);
    const timeOfDay = timeOfDayOf(wall);
    if (inHours(timeOfDay, hours)) return t;
    const midnight = wall - timeOfDay;
    const target = timeOfDay < hours.from ? midnight + hours.from : midnight + DAY_MS + hours.from;
    const next = nextInstantAtWall(t, target, tz);
    // Guaranteed to advance; should a zone ever break that, step past the moment rather than spin.
    t = next > t ? next : t + MINUTE_MS;
  }
  return null;
}
