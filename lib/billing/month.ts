import { sql } from "drizzle-orm";

/** Usage months are calendar months in UTC, stored as their first day (`2025-07-01`). */
export function monthOf(d: Date = new Date()): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return monthOf(new Date(Date.UTC(y, m, 1)));
}

/** `2025-07` for keys and labels. */
export const monthKey = (month: string) => month.slice(0, 7);

export const monthLabel = (month: string) =>
  new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}T00:00:00Z`));

export const isMonth = (v: string) => /^\d{4}-(0[1-9]|1[0-2])-01$/.test(v);

// The same boundaries in SQL, so a statement and the code never disagree about "this month".
export const currentMonthSql = sql`(date_trunc('month', now() at time zone 'utc'))::date`;
export const currentDaySql = sql`(now() at time zone 'utc')::date`;
