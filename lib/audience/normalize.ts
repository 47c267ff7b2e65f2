import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { isValidTimezone } from "@/lib/orgs/schemas";

/** Trimmed, lowercased; null when empty. Validity is the schema's job. */
export function normalizeEmail(value: string | null | undefined): string | null {
  const v = value?.trim().toLowerCase();
  return v ? v : null;
}

const EMAIL_RE = /^[^\s@"<>()[\],;:]+@[^\s@"<>()[\],;:]+\.[^\s@"<>()[\],;:]{2,}$/;
export const isValidEmail = (email: string) => email.length <= 254 && EMAIL_RE.test(email);

export type PhoneResult = { ok: true; e164: string; operatorCode: string | null } | { ok: false; reason: string };

/**
 * Any written form -> E.164. Without a `+`, the org's default country is assumed; a number that
 * already carries its country code (`79161234567`) is also recognised.
 */
export function normalizePhone(value: string, defaultCountry?: string | null): PhoneResult {
  const raw = value.trim();
  if (!raw) return { ok: false, reason: "empty phone" };
  const digits = raw.replace(/[^\d+]/g, "");
  const candidates: { text: string; country?: CountryCode }[] = [];
  if (digits.startsWith("+")) candidates.push({ text: digits });
  else {
    if (defaultCountry) candidates.push({ text: digits, country: defaultCountry.toUpperCase() as CountryCode });
    candidates.push({ text: `+${digits}` });
  }
  for (const c of candidates) {
    const parsed = parsePhoneNumberFromString(c.text, c.country);
    if (parsed?.isValid()) return { ok: true, e164: parsed.number, operatorCode: deriveOperatorCode(parsed.countryCallingCode, parsed.nationalNumber) };
  }
  return { ok: false, reason: "invalid phone number" };
}

/**
 * The mobile operator code where the numbering plan encodes it: in the +7 zone (Russia,
 * Kazakhstan) the three-digit DEF code after the country code names the operator's range.
 * Elsewhere numbers are portable and the prefix says nothing reliable, so it stays unknown.
 */
export function deriveOperatorCode(countryCallingCode: string, nationalNumber: string): string | null {
  if (countryCallingCode === "7" && nationalNumber.length === 10) return nationalNumber.slice(0, 3);
  return null;
}

export const normalizeTimezone = (tz: string | null | undefined): string | null => {
  const v = tz?.trim();
  return v ? v : null;
};

export { isValidTimezone };

/** "9", "09:00", "9:30" -> "09:00" / "09:30"; null when not a time of day. */
export function normalizeTimeOfDay(value: string | null | undefined): string | null | "invalid" {
  const v = value?.trim();
  if (!v) return null;
  const m = /^(\d{1,2})(?::(\d{2}))?(?::00)?$/.exec(v);
  if (!m) return "invalid";
  const h = Number(m[1]);
  const min = Number(m[2] ?? "0");
  if (h > 23 || min > 59) return "invalid";
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** Tags: trimmed, lowercased, deduped, at most 64 characters each. */
export function normalizeTags(values: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    for (const part of (v ?? "").split(/[,;|]/)) {
      const t = part.trim().toLowerCase().slice(0, 64);
      if (t) out.add(t);
    }
  }
  return [...out];
}
