import { z } from "zod";

/** Contact fields a CSV column can fill; `attr:<key>` targets a declared attribute. */
export const FIELD_TARGETS = [
  "email",
  "phone",
  "first_name",
  "last_name",
  "timezone",
  "tags",
  "operator_code",
  "notify_from",
  "notify_to",
] as const;
export type FieldTarget = (typeof FIELD_TARGETS)[number];
export type MappingTarget = "skip" | FieldTarget | `attr:${string}`;

export const FIELD_LABELS: Record<FieldTarget, string> = {
  email: "E-mail",
  phone: "Phone",
  first_name: "First name",
  last_name: "Last name",
  timezone: "Timezone",
  tags: "Tags",
  operator_code: "Operator code",
  notify_from: "Notify from",
  notify_to: "Notify to",
};

const squash = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");

// Header spellings seen in exports from Mailchimp, Brevo, listmonk and spreadsheets, squashed.
const SYNONYMS: Record<string, FieldTarget> = {};
const add = (target: FieldTarget, names: string[]) => names.forEach((n) => (SYNONYMS[squash(n)] = target));
add("email", ["email", "e-mail", "email address", "e-mail address", "mail", "emailaddress", "subscriber email", "contact email"]);
add("phone", ["phone", "phone number", "mobile", "mobile phone", "mobile number", "cell", "cellphone", "sms", "telephone", "tel", "msisdn", "whatsapp"]);
add("first_name", ["first name", "firstname", "first", "given name", "fname", "prenom", "name"]);
add("last_name", ["last name", "lastname", "last", "surname", "family name", "lname", "nom"]);
add("timezone", ["timezone", "time zone", "tz", "olson timezone"]);
add("tags", ["tags", "tag", "labels", "groups"]);
add("operator_code", ["operator", "operator code", "operatorcode", "carrier"]);
add("notify_from", ["notify from", "notifyfrom", "hours from", "from time"]);
add("notify_to", ["notify to", "notifyto", "hours to", "to time"]);

/**
 * The mapping the form starts with: each header matched to a field by its name, a declared
 * attribute by its key or label, else skipped. A target is used by one column only, except tags.
 */
export function autoMatch(headers: string[], attributes: { key: string; label: string }[]): Record<string, MappingTarget> {
  const out: Record<string, MappingTarget> = {};
  const used = new Set<string>();
  const attrByName = new Map<string, string>();
  for (const a of attributes) {
    attrByName.set(squash(a.key), a.key);
    attrByName.set(squash(a.label), a.key);
  }
  headers.forEach((header, i) => {
    const s = squash(header);
    let target: MappingTarget = "skip";
    const attr = attrByName.get(s);
    if (attr) target = `attr:${attr}`;
    else if (SYNONYMS[s]) target = SYNONYMS[s];
    if (target !== "skip" && target !== "tags" && used.has(target)) target = "skip";
    used.add(target);
    out[String(i)] = target;
  });
  return out;
}

export const mappingTargetSchema = z.union([
  z.literal("skip"),
  z.enum(FIELD_TARGETS),
  z.string().regex(/^attr:[a-z][a-z0-9_]{0,39}$/, "Unknown column target."),
]);

/** Checks a submitted mapping against the file's columns and the org's attributes. */
export function checkMapping(
  mapping: Record<string, string>,
  columnCount: number,
  attributeKeys: string[],
): { ok: true; mapping: Record<string, MappingTarget> } | { ok: false; error: string } {
  const out: Record<string, MappingTarget> = {};
  const used = new Set<string>();
  for (const [col, raw] of Object.entries(mapping)) {
    const idx = Number(col);
    if (!Number.isInteger(idx) || idx < 0 || idx >= columnCount) return { ok: false, error: `Column ${col} is not in the file.` };
    const parsed = mappingTargetSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: `Column ${idx + 1}: unknown target "${raw}".` };
    const target = parsed.data as MappingTarget;
    if (target.startsWith("attr:") && !attributeKeys.includes(target.slice(5))) {
      return { ok: false, error: `Column ${idx + 1}: the attribute "${target.slice(5)}" is not declared.` };
    }
    if (target !== "skip" && target !== "tags") {
      if (used.has(target)) return { ok: false, error: `Two columns are mapped to ${target.replace("attr:", "attribute ")}: keep one.` };
      used.add(target);
    }
    out[String(idx)] = target;
  }
  if (!used.has("email") && !used.has("phone")) {
    return { ok: false, error: "Map a column to E-mail or Phone: a contact needs one of them." };
  }
  return { ok: true, mapping: out };
}
