/**
 * Whether `tz` is an IANA timezone this runtime knows. Intl's check costs ~75 µs and the same few
 * names repeat on every imported row and every scheduled contact, so each answer is remembered.
 */
const known = new Map<string, boolean>();

export function isValidTimezone(tz: string): boolean {
  let ok = known.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      ok = tz.length > 0;
    } catch {
      ok = false;
    }
    if (known.size < 10_000) known.set(tz, ok);
  }
  return ok;
}
