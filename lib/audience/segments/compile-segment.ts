import { sql, type SQL } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { coerceAttribute, type AttributeType } from "../attributes";
import { isGroup, type Rule, type RuleGroup, type RuleNode } from "./rules-schema";

/** What compiling needs to know about the org, loaded once per compile (segment-context.ts). */
export type SegmentContext = {
  orgId: string;
  /** The org's timezone: "created before 2024-03-01" means before that day starts there. */
  timezone: string;
  attributes: Map<string, AttributeType>;
  /** The org's lists the rules name; null skips the check (a saved segment whose list was deleted then matches no member). */
  listIds: Set<string> | null;
};

type Problem = { path: string; message: string };

// Every user value below is a bound parameter; the SQL text holds only constants.
const attrJson = (key: string) => sql`(contacts.attributes -> ${key}::text)`;
const attrText = (key: string) => sql`(contacts.attributes ->> ${key}::text)`;

/** The value as a number, or NULL when it is not one: a stray "n/a" never makes the cast fail. */
function attrNumber(key: string): SQL {
  const j = attrJson(key);
  const t = attrText(key);
  return sql`(CASE WHEN jsonb_typeof(${j}) = 'number' THEN (${t})::numeric
    WHEN jsonb_typeof(${j}) = 'string' AND ${t} ~ '^-?[0-9]+([.][0-9]+)?$' THEN (${t})::numeric END)`;
}

/** ISO dates compare as text; byte order (collation "C") so the locale cannot reorder them. */
function attrDate(key: string): SQL {
  const j = attrJson(key);
  const t = attrText(key);
  return sql`(CASE WHEN jsonb_typeof(${j}) = 'string' AND ${t} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN ${t} END) COLLATE "C"`;
}

const label = (path: number[]) => `Rule ${path.map((i) => i + 1).join(".")}`;
const fieldPath = (path: number[], leaf: string) => `rules.${path.join(".rules.")}.${leaf}`;

function compileAttribute(rule: Extract<Rule, { field: "attribute" }>, path: number[], ctx: SegmentContext, problems: Problem[]): { cond: SQL; rule: Rule } | null {
  const type = ctx.attributes.get(rule.key);
  if (!type) {
    problems.push({ path: fieldPath(path, "key"), message: `${label(path)}: unknown attribute "${rule.key}"; declare it first.` });
    return null;
  }
  if (rule.op === "is_set") return { cond: sql`coalesce(${attrText(rule.key)}, '') <> ''`, rule: { ...rule, value: null } };
  if (rule.op === "contains" && type !== "text") {
    problems.push({ path: fieldPath(path, "op"), message: `${label(path)}: "contains" works on text attributes; "${rule.key}" is a ${type}.` });
    return null;
  }
  if ((rule.op === "gt" || rule.op === "lt") && type !== "number" && type !== "date") {
    problems.push({ path: fieldPath(path, "op"), message: `${label(path)}: greater/less than works on number and date attributes; "${rule.key}" is a ${type}.` });
    return null;
  }
  const c = coerceAttribute(type, rule.value);
  if (!c.ok || c.value === null) {
    const why = c.ok ? "enter a value" : `${c.reason} (expected ${type})`;
    problems.push({ path: fieldPath(path, "value"), message: `${label(path)}: ${rule.key}: ${why}.` });
    return null;
  }
  const v = c.value;
  const out = { ...rule, value: v };
  const cmp = rule.op === "gt" ? sql`>` : rule.op === "lt" ? sql`<` : sql`=`;
  switch (type) {
    case "text":
      return rule.op === "contains"
        ? { cond: sql`strpos(lower(${attrText(rule.key)}), lower(${String(v)}::text)) > 0`, rule: out }
        : { cond: sql`${attrText(rule.key)} = ${String(v)}::text`, rule: out };
    case "number":
      return { cond: sql`${attrNumber(rule.key)} ${cmp} ${String(v)}::numeric`, rule: out };
    case "date":
      return { cond: sql`${attrDate(rule.key)} ${cmp} ${String(v)}::text`, rule: out };
    case "boolean":
      return { cond: sql`${attrJson(rule.key)} = ${v ? "true" : "false"}::jsonb`, rule: out };
  }
}

function compileRule(rule: Rule, path: number[], ctx: SegmentContext, problems: Problem[]): { cond: SQL; rule: Rule } | null {
  switch (rule.field) {
    case "tag": {
      const has = sql`contacts.tags @> ARRAY[${rule.value}::text]`;
      return { cond: rule.op === "is" ? has : sql`NOT (${has})`, rule };
    }
    case "list": {
      if (ctx.listIds && !ctx.listIds.has(rule.value)) {
        problems.push({ path: fieldPath(path, "value"), message: `${label(path)}: that list does not exist in this organization.` });
        return null;
      }
      const member = sql`EXISTS (SELECT 1 FROM list_members lm WHERE lm.list_id = ${rule.value} AND lm.contact_id = contacts.id AND lm.org_id = ${ctx.orgId})`;
      return { cond: rule.op === "is" ? member : sql`NOT ${member}`, rule };
    }
    case "attribute":
      return compileAttribute(rule, path, ctx, problems);
    case "operator_code":
      return { cond: sql`contacts.operator_code = ${rule.value}::text`, rule };
    case "status":
      return { cond: sql`contacts.status = ${rule.value}`, rule };
    case "timezone":
      return { cond: sql`contacts.timezone = ${rule.value}::text`, rule };
    case "created": {
      // Whole days in the org's timezone: "before D" ends when D starts, "after D" starts when D ends.
      const bound =
        rule.op === "before"
          ? sql`(${rule.value}::date::timestamp AT TIME ZONE ${ctx.timezone}::text)`
          : sql`((${rule.value}::date + 1)::timestamp AT TIME ZONE ${ctx.timezone}::text)`;
      return { cond: rule.op === "before" ? sql`contacts.created_at < ${bound}` : sql`contacts.created_at >= ${bound}`, rule };
    }
  }
}

function compileGroup(group: RuleGroup, path: number[], ctx: SegmentContext, problems: Problem[]): { cond: SQL; rule: RuleGroup } {
  const conds: SQL[] = [];
  const rules: RuleNode[] = [];
  group.rules.forEach((node, i) => {
    const p = [...path, i];
    const r = isGroup(node) ? compileGroup(node, p, ctx, problems) : compileRule(node, p, ctx, problems);
    if (r) {
      conds.push(r.cond);
      rules.push(r.rule);
    }
  });
  const out = { match: group.match, rules };
  if (conds.length === 0) return { cond: group.match === "all" ? sql`TRUE` : sql`FALSE`, rule: out };
  return { cond: sql`(${sql.join(conds, group.match === "all" ? sql` AND ` : sql` OR `)})`, rule: out };
}

/**
 * A parsed rule tree (segmentRulesSchema) -> a condition over the alias `contacts`, plus the tree
 * with attribute values coerced to their declared types (what gets stored). Every problem in the
 * tree is reported at once, each naming its rule, as a VALIDATION error keyed by the rule's path.
 */
export function compileSegment(rules: RuleGroup, ctx: SegmentContext): { condition: SQL; rules: RuleGroup } {
  const problems: Problem[] = [];
  const { cond, rule } = compileGroup(rules, [], ctx, problems);
  if (problems.length) {
    const fields = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    throw new AppError("VALIDATION", problems.length === 1 ? problems[0].message : `${problems[0].message} (and ${problems.length - 1} more)`, fields);
  }
  return { condition: cond, rules: rule };
}
