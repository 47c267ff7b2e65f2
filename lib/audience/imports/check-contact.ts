import {
  isValidEmail,
  isValidTimezone,
  normalizeEmail,
  normalizePhone,
  normalizeTags,
  normalizeTimeOfDay,
} from "@/lib/audience/normalize";
import type { StageRow } from "./validate-row";

type Checked = Omit<StageRow, "line" | "attributes">;

const text = (v: string | undefined, max: number): string | null | false => {
  const t = v?.trim();
  if (!t) return null;
  return t.length > max ? false : t;
};

/**
 * The rules of contactInputSchema for one CSV row, written out without zod: an import checks a
 * million rows, and the schema's per-call cost (~15 µs) would be most of the import's time.
 * tests/unit/csv-check-contact.test.ts holds the two to the same answers.
 */
export function checkContact(
  input: Record<string, string | undefined>,
  tags: string[],
  defaultCountry: string | null,
): { ok: true; value: Checked } | { ok: false; reason: string } {
  const email = normalizeEmail(input.email);
  if (email !== null && !isValidEmail(email)) return { ok: false, reason: "invalid e-mail" };
  let phone: string | null = null;
  let derivedOperator: string | null = null;
  if (input.phone?.trim()) {
    const p = normalizePhone(input.phone, defaultCountry);
    if (!p.ok) return { ok: false, reason: "invalid phone" };
    phone = p.e164;
    derivedOperator = p.operatorCode;
  }
  const firstName = text(input.firstName, 100);
  if (firstName === false) return { ok: false, reason: "first name too long (at most 100 characters)" };
  const lastName = text(input.lastName, 100);
  if (lastName === false) return { ok: false, reason: "last name too long (at most 100 characters)" };
  const timezone = input.timezone?.trim() || null;
  if (timezone !== null && !isValidTimezone(timezone)) return { ok: false, reason: "unknown timezone" };
  const operatorCode = text(input.operatorCode, 16);
  if (operatorCode === false) return { ok: false, reason: "operator code too long (at most 16 characters)" };
  const notifyFrom = normalizeTimeOfDay(input.notifyFrom);
  const notifyTo = normalizeTimeOfDay(input.notifyTo);
  if (notifyFrom === "invalid" || notifyTo === "invalid") return { ok: false, reason: "bad notify window" };
  if (!email && !phone) return { ok: false, reason: "missing e-mail and phone" };
  if (notifyFrom && notifyTo && notifyFrom >= notifyTo) return { ok: false, reason: "bad notify window" };
  return {
    ok: true,
    value: {
      email,
      phone,
      firstName,
      lastName,
      timezone,
      tags: normalizeTags(tags),
      operatorCode: operatorCode ?? derivedOperator,
      notifyFrom,
      notifyTo,
    },
  };
}
