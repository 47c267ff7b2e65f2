import { and, eq } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { contactAttributes, templates, type Template } from "@/db/schema";
import { checkTemplate, type TemplateContent } from "@/lib/content/check-template";
import { AppError } from "@/lib/errors";
import { DUPLICATE_NAME, TEMPLATE_NOT_FOUND } from "./schemas";

/** One template of the org; another org's id, or no such id, is the same NOT_FOUND. */
export async function loadTemplate(on: Db | Tx, orgId: string, id: string): Promise<Template> {
  const [row] = await on.select().from(templates).where(and(eq(templates.id, id), eq(templates.orgId, orgId)));
  if (!row) throw new AppError("NOT_FOUND", TEMPLATE_NOT_FOUND);
  return row;
}

export async function declaredAttributeKeys(on: Db | Tx, orgId: string): Promise<string[]> {
  const rows = await on.select({ key: contactAttributes.key }).from(contactAttributes).where(eq(contactAttributes.orgId, orgId));
  return rows.map((r) => r.key);
}

/**
 * Checks merge tags against the org's declared attributes; a problem is a VALIDATION error with a
 * message beside each field at fault. Returns the variables the template uses.
 */
export async function assertTemplateSound(orgId: string, content: TemplateContent): Promise<string[]> {
  const { errors, variables } = checkTemplate(content, await declaredAttributeKeys(db, orgId));
  if (Object.keys(errors).length) throw new AppError("VALIDATION", "Some merge tags need attention.", errors as Record<string, string>);
  return variables;
}

/** The CONFLICT for a name taken by a concurrent write past the check (unique violation 23505). */
export function rethrowDuplicateName(e: unknown): never {
  const err = (e as { cause?: unknown })?.cause ?? e;
  const { code, constraint_name, constraint } = (err ?? {}) as { code?: string; constraint_name?: string; constraint?: string };
  if (code === "23505" && (constraint_name ?? constraint ?? "").startsWith("templates_")) throw new AppError("CONFLICT", DUPLICATE_NAME, { name: DUPLICATE_NAME });
  throw e;
}

export async function assertNameFree(on: Db | Tx, orgId: string, name: string, exceptId?: string) {
  const [row] = await on.select({ id: templates.id }).from(templates).where(and(eq(templates.orgId, orgId), eq(templates.name, name)));
  if (row && row.id !== exceptId) throw new AppError("CONFLICT", DUPLICATE_NAME, { name: DUPLICATE_NAME });
}
