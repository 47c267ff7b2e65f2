import type { ContactAttribute } from "@/db/schema";
import { validateAttributes } from "@/lib/audience/attributes";
import { checkContact } from "./check-contact";
import type { MappingTarget } from "./column-mapping";

/** A valid row, normalised, ready for the staging table. */
export type StageRow = {
  line: number;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  timezone: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  operatorCode: string | null;
  notifyFrom: string | null;
  notifyTo: string | null;
};

export type RowResult = { ok: true; row: StageRow } | { ok: false; reason: string };

/** The reasons a row is refused, as the result table and the failed-rows download show them. */
export const REASONS = {
  email: "invalid e-mail",
  phone: "invalid phone",
  timezone: "unknown timezone",
  window: "bad notify window",
  missing: "missing e-mail and phone",
  duplicate: "duplicate in file",
  phoneTaken: "phone belongs to another contact",
} as const;

/**
 * Builds the per-row check for one import: the contact rules (check-contact.ts, the same as
 * contactInputSchema) plus the org's attribute declarations. Built once, run per row.
 */
export function rowValidator(opts: {
  mapping: Record<string, MappingTarget>;
  columnCount: number;
  defaultCountry: string | null;
  attributes: Pick<ContactAttribute, "key" | "type">[];
}) {
  const cols = Object.entries(opts.mapping)
    .filter(([, t]) => t !== "skip")
    .map(([i, t]) => [Number(i), t] as const);
  const scalar: Record<string, keyof StageRow | "tags"> = {
    email: "email",
    phone: "phone",
    first_name: "firstName",
    last_name: "lastName",
    timezone: "timezone",
    operator_code: "operatorCode",
    notify_from: "notifyFrom",
    notify_to: "notifyTo",
  };

  return (line: number, fields: string[]): RowResult => {
    if (fields.length !== opts.columnCount) {
      return { ok: false, reason: `wrong number of columns (${fields.length}, the header has ${opts.columnCount})` };
    }
    const input: Record<string, string> = {};
    const tags: string[] = [];
    const attrs: Record<string, string> = {};
    for (const [i, target] of cols) {
      const v = fields[i] ?? "";
      if (target === "tags") tags.push(v);
      else if (target.startsWith("attr:")) {
        if (v.trim() !== "") attrs[target.slice(5)] = v;
      } else input[scalar[target]] = v;
    }
    const c = checkContact(input, tags, opts.defaultCountry);
    if (!c.ok) return c;
    const a = validateAttributes(opts.attributes, attrs);
    if (!a.ok) return { ok: false, reason: `bad attribute value (${Object.values(a.errors)[0]})` };
    return { ok: true, row: { line, ...c.value, attributes: a.value } };
  };
}
