const full = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const short = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatUtc = (d: Date, withSeconds = false) => `${(withSeconds ? full : short).format(d)} UTC`;

/** A time as the dashboard shows every time: in UTC, said so, machine-readable in `dateTime`. */
export function When({ date, seconds = false, empty = "—" }: { date: Date | null | undefined; seconds?: boolean; empty?: string }) {
  if (!date) return <>{empty}</>;
  return <time dateTime={date.toISOString()}>{formatUtc(date, seconds)}</time>;
}
