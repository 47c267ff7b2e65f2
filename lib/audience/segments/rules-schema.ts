import { z } from "zod";
import { ATTRIBUTE_KEY_RE } from "../attributes";
import { CONTACT_STATUSES } from "../contacts/contact-schema";
import { isValidTimezone } from "../normalize";

/**
 * A segment is a rule tree: a group `{ match: "all" | "any", rules }` whose entries are rules or
 * nested groups. The root is level 1; groups nest to at most MAX_DEPTH levels and the whole tree
 * holds at most MAX_RULES rules, so a compiled condition stays small enough to plan quickly.
 *
 * An empty group is the identity of its operator: `all` of nothing matches every contact, `any`
 * of nothing matches none (like SQL's AND/OR over an empty set, and like `[].every`/`[].some`).
 */
export const MAX_DEPTH = 3;
export const MAX_RULES = 50;

// Postgres text cannot hold NUL; refusing it here keeps any string a user types a plain value.
const noNul = (s: string) => !s.includes("\u0000");
const textValue = (max: number) =>
  z
    .string({ error: "Enter a value." })
    .trim()
    .min(1, "Enter a value.")
    .max(max, `Use at most ${max} characters.`)
    .refine(noNul, "Remove the invisible NUL character.");

export const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export const isIsoDate = (s: string) => ISO_DATE_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

const tagRule = z.object({ field: z.literal("tag"), op: z.enum(["is", "is_not"]), value: textValue(64).toLowerCase() });
const listRule = z.object({
  field: z.literal("list"),
  op: z.enum(["is", "is_not"]),
  value: z.string({ error: "Choose a list." }).regex(/^lst_[0-9a-z]{8,40}$/, "Choose a list."),
});
const attributeRule = z.object({
  field: z.literal("attribute"),
  key: z.string({ error: "Choose an attribute." }).regex(ATTRIBUTE_KEY_RE, "Choose an attribute."),
  op: z.enum(["equals", "contains", "gt", "lt", "is_set"]),
  // Checked against the attribute's declared type when the rule is compiled.
  value: z
    .union([z.string().max(1000, "Use at most 1000 characters.").refine(noNul, "Remove the invisible NUL character."), z.number(), z.boolean()])
    .nullish(),
});
const operatorCodeRule = z.object({ field: z.literal("operator_code"), op: z.literal("is"), value: textValue(16) });
const statusRule = z.object({ field: z.literal("status"), op: z.literal("is"), value: z.enum(CONTACT_STATUSES, { error: "Choose a status." }) });
const timezoneRule = z.object({
  field: z.literal("timezone"),
  op: z.literal("is"),
  value: textValue(64).refine(isValidTimezone, "Choose a valid IANA timezone, such as Europe/Berlin."),
});
const createdRule = z.object({
  field: z.literal("created"),
  op: z.enum(["before", "after"]),
  value: z.string({ error: "Enter a date." }).trim().refine(isIsoDate, "Enter a date as YYYY-MM-DD."),
});

export const ruleSchema = z.discriminatedUnion("field", [tagRule, listRule, attributeRule, operatorCodeRule, statusRule, timezoneRule, createdRule], { error: "Choose what the rule looks at." });

export type Rule = z.output<typeof ruleSchema>;
export type RuleField = Rule["field"];
export type RuleGroup = { match: "all" | "any"; rules: (Rule | RuleGroup)[] };
export type RuleNode = Rule | RuleGroup;

export const isGroup = (n: RuleNode): n is RuleGroup => "match" in n;

const groupSchema: z.ZodType<RuleGroup> = z.lazy(() =>
  z.object({
    match: z.enum(["all", "any"], { error: 'Choose "all" or "any".' }),
    rules: z.array(nodeSchema).max(MAX_RULES, `Use at most ${MAX_RULES} rules.`),
  }, { error: "Rules must be a group: match all or any of a list of rules." }),
);

// An entry with `match` is a group, anything else a rule: choosing first (rather than a union)
// keeps each error on the exact control that caused it, e.g. `rules.0.rules.2.value`.
const nodeSchema: z.ZodType<RuleNode> = z.unknown().transform((v, ctx) => {
  const schema: z.ZodType<RuleNode> = v !== null && typeof v === "object" && "match" in v ? groupSchema : ruleSchema;
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path as PropertyKey[] });
  return z.NEVER;
});

function measure(g: RuleGroup, depth = 1): { depth: number; rules: number } {
  let d = depth;
  let n = 0;
  for (const r of g.rules) {
    if (isGroup(r)) {
      const m = measure(r, depth + 1);
      d = Math.max(d, m.depth);
      n += m.rules;
    } else n += 1;
  }
  return { depth: d, rules: n };
}

/** The whole tree as stored in `segments.rules` and posted by the builder. */
export const segmentRulesSchema = groupSchema.superRefine((g, ctx) => {
  const m = measure(g);
  if (m.depth > MAX_DEPTH) ctx.addIssue({ code: "custom", path: ["rules"], message: `Nest groups at most ${MAX_DEPTH} levels deep.` });
  if (m.rules > MAX_RULES) ctx.addIssue({ code: "custom", path: ["rules"], message: `Use at most ${MAX_RULES} rules in a segment.` });
});

export const segmentNameSchema = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");

/**
 * Rules may arrive as the builder's JSON text (a form field) or as an object (the API). Error
 * paths are relative to the tree (`rules.0.value` is the first rule's value), the same keys the
 * compiler uses, so the builder can put every message beside its control.
 */
export const rulesInputSchema = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}, segmentRulesSchema);

// Rules are checked by prepareSegment (they need the org's attributes and lists).
export const segmentInputSchema = z.object({ name: segmentNameSchema, rules: z.unknown() });
// A malformed id is simply not found, like another org's id.
export const segmentIdSchema = z.object({ segmentId: z.string().trim().min(1, "Choose a segment.").max(64) });
export const updateSegmentSchema = segmentIdSchema.extend({ name: segmentNameSchema.optional(), rules: z.unknown().optional() });
