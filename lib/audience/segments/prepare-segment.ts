import { and, eq, inArray } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { contactAttributes, lists, orgs } from "@/db/schema";
import { AppError, fieldErrors } from "@/lib/errors";
import { compileSegment, type SegmentContext } from "./compile-segment";
import { isGroup, rulesInputSchema, type RuleGroup } from "./rules-schema";

function listIdsIn(g: RuleGroup, out = new Set<string>()): Set<string> {
  for (const r of g.rules) {
    if (isGroup(r)) listIdsIn(r, out);
    else if (r.field === "list") out.add(r.value);
  }
  return out;
}

/**
 * The org's facts a compile needs: its timezone, declared attributes and (when `checkLists`) which
 * of the named lists are its own. Three small indexed reads, whatever the size of the audience.
 */
export async function loadSegmentContext(orgId: string, rules: RuleGroup, checkLists: boolean, on: Db | Tx = db): Promise<SegmentContext> {
  const [org] = await on.select({ timezone: orgs.timezone }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new AppError("NOT_FOUND", "Organization not found.");
  const defs = await on.select({ key: contactAttributes.key, type: contactAttributes.type }).from(contactAttributes).where(eq(contactAttributes.orgId, orgId));
  let listIds: Set<string> | null = null;
  if (checkLists) {
    const named = [...listIdsIn(rules)];
    const own = named.length ? await on.select({ id: lists.id }).from(lists).where(and(eq(lists.orgId, orgId), inArray(lists.id, named))) : [];
    listIds = new Set(own.map((l) => l.id));
  }
  return { orgId, timezone: org.timezone, attributes: new Map(defs.map((d) => [d.key, d.type])), listIds };
}

/** "rules.1.rules.0.value" -> "Rule 2.1: ", the same naming the compiler's messages use. */
function ruleLabel(path: string): string {
  const idx = [...path.matchAll(/rules\.(\d+)/g)].map((m) => Number(m[1]) + 1);
  return idx.length ? `Rule ${idx.join(".")}: ` : "";
}

/** Shape errors become one VALIDATION error naming the first bad rule, fields keyed by path. */
function parseRules(input: unknown): RuleGroup {
  const r = rulesInputSchema.safeParse(input);
  if (r.success) return r.data;
  const fields = fieldErrors(r.error);
  const [path, message] = Object.entries(fields)[0];
  const count = Object.keys(fields).length;
  throw new AppError("VALIDATION", `${ruleLabel(path)}${message}${count > 1 ? ` (and ${count - 1} more)` : ""}`, fields);
}

/**
 * Untrusted rules (the builder's JSON, the API's body) -> checked tree + condition. Lists are
 * checked against the org here: saving or counting with another org's list id is refused.
 */
export async function prepareSegment(orgId: string, input: unknown, on: Db | Tx = db) {
  const rules = parseRules(input);
  const ctx = await loadSegmentContext(orgId, rules, true, on);
  return compileSegment(rules, ctx);
}
