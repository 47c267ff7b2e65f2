import type { ContactAttribute } from "@/db/schema";

export type AttributeType = ContactAttribute["type"];
export type AttributeValue = string | number | boolean | null;

export const ATTRIBUTE_KEY_RE = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Checks and converts a raw value (from a form, a CSV cell or JSON) to the declared type.
 * Dates are stored as ISO dates (YYYY-MM-DD) so they compare as text and as dates.
 */
export function coerceAttribute(type: AttributeType, raw: unknown): { ok: true; value: AttributeValue } | { ok: false; reason: string } {
  if (raw === null || raw === undefined || raw === "") return { ok: true, value: null };
  switch (type) {
    case "text":
      return { ok: true, value: String(raw).slice(0, 1000) };
    case "number": {
      const n = typeof raw === "number" ? raw : Number(String(raw).trim().replace(",", "."));
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, reason: "not a number" };
    }
    case "boolean": {
      if (typeof raw === "boolean") return { ok: true, value: raw };
      const s = String(raw).trim().toLowerCase();
      if (["true", "yes", "1", "y"].includes(s)) return { ok: true, value: true };
      if (["false", "no", "0", "n"].includes(s)) return { ok: true, value: false };
      return { ok: false, reason: "not true or false" };
    }
    case "date": {
      const s = String(raw).trim();
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
      const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : new Date(s);
      if (Number.isNaN(d.getTime())) return { ok: false, reason: "not a date" };
      return { ok: true, value: d.toISOString().slice(0, 10) };
    }
  }
}

/** Checks a whole attribute map against the org's declarations; unknown keys are refused. */
export function validateAttributes(
  defs: Pick<ContactAttribute, "key" | "type">[],
  input: Record<string, unknown>,
): { ok: true; value: Record<string, AttributeValue> } | { ok: false; errors: Record<string, string> } {
  const byKey = new Map(defs.map((d) => [d.key, d.type]));
  const value: Record<string, AttributeValue> = {};
  const errors: Record<string, string> = {};
  for (const [k, raw] of Object.entries(input)) {
    const type = byKey.get(k);
    if (!type) {
      errors[`attributes.${k}`] = `Unknown attribute "${k}": declare it first.`;
      continue;
    }
    const r = coerceAttribute(type, raw);
    if (r.ok) value[k] = r.value;
    else errors[`attributes.${k}`] = `${k}: ${r.reason} (expected ${type}).`;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}
