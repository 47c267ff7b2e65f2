import { and, eq, ne, or, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { contactAttributes, contacts, orgs } from "@/db/schema";
import { validateAttributes, type AttributeValue } from "@/lib/audience/attributes";
import { AppError } from "@/lib/errors";

/** What validating a contact needs from its org: the phone default country and the attribute declarations. */
export async function loadWriteContext(on: Db | Tx, orgId: string) {
  const [[org], defs] = await Promise.all([
    on.select({ defaultCountry: orgs.defaultCountry }).from(orgs).where(eq(orgs.id, orgId)),
    on.select({ key: contactAttributes.key, type: contactAttributes.type }).from(contactAttributes).where(eq(contactAttributes.orgId, orgId)),
  ]);
  if (!org) throw new AppError("NOT_FOUND", "That organization does not exist.");
  return { defaultCountry: org.defaultCountry, defs };
}

/**
 * Checks values against the declarations and merges them over `current`. An empty value removes
 * the key, so a cleared form field clears the attribute.
 */
export function mergeAttributes(
  defs: { key: string; type: "text" | "number" | "date" | "boolean" }[],
  input: Record<string, unknown>,
  current: Record<string, AttributeValue> = {},
): Record<string, AttributeValue> {
  const r = validateAttributes(defs, input);
  if (!r.ok) throw new AppError("VALIDATION", "Some custom attributes are not valid.", r.errors);
  const out: Record<string, AttributeValue> = { ...current };
  for (const [k, v] of Object.entries(r.value)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

const DUPLICATE = {
  email: "Another contact in this organization already has this e-mail address.",
  phone: "Another contact in this organization already has this phone number.",
};

/** A duplicate e-mail or phone in the org is a CONFLICT naming the field, not a database error. */
export async function assertUniqueAddresses(tx: Tx, orgId: string, email: string | null, phone: string | null, exceptId?: number) {
  const match: SQL[] = [];
  if (email) match.push(eq(contacts.email, email));
  if (phone) match.push(eq(contacts.phone, phone));
  if (!match.length) return;
  const rows = await tx
    .select({ email: contacts.email, phone: contacts.phone })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), or(...match), exceptId ? ne(contacts.id, exceptId) : undefined))
    .limit(2);
  const fields: Record<string, string> = {};
  if (email && rows.some((r) => r.email === email)) fields.email = DUPLICATE.email;
  if (phone && rows.some((r) => r.phone === phone)) fields.phone = DUPLICATE.phone;
  if (Object.keys(fields).length) throw new AppError("CONFLICT", "A contact with these details already exists.", fields);
}

/** The same CONFLICT when a concurrent write wins the race past the check (unique violation 23505). */
export function rethrowUniqueViolation(e: unknown): never {
  const err = (e as { cause?: unknown })?.cause ?? e;
  const { code, constraint_name, constraint } = (err ?? {}) as { code?: string; constraint_name?: string; constraint?: string };
  const name = constraint_name ?? constraint ?? "";
  if (code === "23505" && name === "contacts_org_email_unique") throw new AppError("CONFLICT", "A contact with these details already exists.", { email: DUPLICATE.email });
  if (code === "23505" && name === "contacts_org_phone_unique") throw new AppError("CONFLICT", "A contact with these details already exists.", { phone: DUPLICATE.phone });
  throw e;
}
