import fc from "fast-check";
import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, query } from "@/db";
import { contactAttributes, contacts, listMembers, lists } from "@/db/schema";
import { coerceAttribute, type AttributeType } from "@/lib/audience/attributes";
import { countSegment } from "@/lib/audience/segments/count-segment";
import type { Rule, RuleGroup, RuleNode } from "@/lib/audience/segments/rules-schema";
import { AppError } from "@/lib/errors";
import { createOrgWithOwner } from "../fixtures/factories";

/*
 * The compiled SQL must agree with a plain TypeScript reading of the rules over the same contacts.
 * Values come from small domains so that rules match some contacts and miss others.
 */

const TAGS = ["a", "b", "vip"];
const STATUSES = ["subscribed", "pending", "unsubscribed", "bounced", "complained"] as const;
const ZONES = ["Europe/Berlin", "America/New_York", null];
const OPERATORS = ["916", "903", null];
const PLANS = ["free", "pro", "Pro Plus", "enterprise"];
const DATES = ["2024-01-03", "2024-01-05", "2024-01-08"];
const ATTRS: Record<string, AttributeType> = { plan: "text", score: "number", renewal: "date", vip: "boolean" };
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

type Person = {
  tags: string[];
  status: (typeof STATUSES)[number];
  timezone: string | null;
  operatorCode: string | null;
  attributes: Record<string, string | number | boolean | null>;
  createdAt: Date;
  lists: boolean[];
};

const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const personArb: fc.Arbitrary<Person> = fc.record({
  tags: fc.subarray(TAGS),
  status: fc.constantFrom(...STATUSES),
  timezone: fc.constantFrom(...ZONES),
  operatorCode: fc.constantFrom(...OPERATORS),
  attributes: fc
    .record({
      plan: maybe(fc.constantFrom<string | null>(...PLANS, null)),
      // Stray strings in a number or date attribute must not break a comparison.
      score: maybe(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom<number | string | null>(1.5, "2", "-1.25", "n/a", "", null))),
      renewal: maybe(fc.constantFrom<string | null>(...DATES, "2024-01-04", "soon", null)),
      vip: maybe(fc.constantFrom<boolean | string | null>(true, false, "true", null)),
    })
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Person["attributes"]),
  createdAt: fc.integer({ min: 0, max: 10 * DAY - 1 }).map((ms) => new Date(T0 + ms)),
  lists: fc.tuple(fc.boolean(), fc.boolean()),
});

const attributeRuleArb = fc.constantFrom(...Object.keys(ATTRS)).chain((key): fc.Arbitrary<Rule> => {
  const type = ATTRS[key];
  const isSet = fc.constant<Rule>({ field: "attribute", key, op: "is_set", value: null });
  if (type === "text")
    return fc.oneof(isSet, fc.record({ field: fc.constant("attribute" as const), key: fc.constant(key), op: fc.constantFrom("equals" as const, "contains" as const), value: fc.constantFrom(...PLANS, "pro", "PLUS", "e") }));
  if (type === "boolean") return fc.oneof(isSet, fc.record({ field: fc.constant("attribute" as const), key: fc.constant(key), op: fc.constant("equals" as const), value: fc.constantFrom<string | boolean>(true, false, "yes", "no") }));
  const values = type === "number" ? fc.constantFrom<string | number>(-1, 0, 1.5, 2, "2", "1,5") : fc.constantFrom(...DATES);
  return fc.oneof(isSet, fc.record({ field: fc.constant("attribute" as const), key: fc.constant(key), op: fc.constantFrom("equals" as const, "gt" as const, "lt" as const), value: values }));
});

const ruleArb = (listIds: string[]): fc.Arbitrary<Rule> =>
  fc.oneof(
    fc.record({ field: fc.constant("tag" as const), op: fc.constantFrom("is" as const, "is_not" as const), value: fc.constantFrom(...TAGS, "VIP") }),
    fc.record({ field: fc.constant("list" as const), op: fc.constantFrom("is" as const, "is_not" as const), value: fc.constantFrom(...listIds) }),
    fc.record({ field: fc.constant("status" as const), op: fc.constant("is" as const), value: fc.constantFrom(...STATUSES) }),
    fc.record({ field: fc.constant("timezone" as const), op: fc.constant("is" as const), value: fc.constantFrom("Europe/Berlin", "America/New_York") }),
    fc.record({ field: fc.constant("operator_code" as const), op: fc.constant("is" as const), value: fc.constantFrom("916", "903") }),
    fc.record({ field: fc.constant("created" as const), op: fc.constantFrom("before" as const, "after" as const), value: fc.constantFrom("2024-01-01", "2024-01-04", "2024-01-07", "2024-01-12") }),
    attributeRuleArb,
  );

const groupArb = (listIds: string[], depth = 1): fc.Arbitrary<RuleGroup> =>
  fc.record({
    match: fc.constantFrom("all" as const, "any" as const),
    rules: fc.array(depth < 3 ? fc.oneof({ weight: 3, arbitrary: ruleArb(listIds) as fc.Arbitrary<RuleNode> }, { weight: 1, arbitrary: groupArb(listIds, depth + 1) as fc.Arbitrary<RuleNode> }) : ruleArb(listIds), {
      maxLength: 4,
    }),
  });

// The reference reading of each rule (see lib/audience/segments/compile-segment.ts).
const asNumber = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && /^-?[0-9]+([.][0-9]+)?$/.test(v) ? Number(v) : null);
const asDate = (v: unknown) => (typeof v === "string" && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v) ? v : null);

function matches(node: RuleNode, p: Person, listIds: string[]): boolean {
  if ("match" in node) return node.match === "all" ? node.rules.every((r) => matches(r, p, listIds)) : node.rules.some((r) => matches(r, p, listIds));
  switch (node.field) {
    case "tag":
      return p.tags.includes(node.value.toLowerCase()) === (node.op === "is");
    case "list":
      return p.lists[listIds.indexOf(node.value)] === (node.op === "is");
    case "status":
      return p.status === node.value;
    case "timezone":
      return p.timezone === node.value;
    case "operator_code":
      return p.operatorCode === node.value;
    case "created": {
      const start = Date.parse(`${node.value}T00:00:00Z`);
      return node.op === "before" ? p.createdAt.getTime() < start : p.createdAt.getTime() >= start + DAY;
    }
    case "attribute": {
      const v = p.attributes[node.key];
      if (node.op === "is_set") return v !== undefined && v !== null && String(v) !== "";
      const c = coerceAttribute(ATTRS[node.key], node.value);
      if (!c.ok) throw new Error("generator produced a bad value");
      const want = c.value;
      switch (ATTRS[node.key]) {
        case "text":
          return typeof v === "string" && (node.op === "contains" ? v.toLowerCase().includes(String(want).toLowerCase()) : v === want);
        case "boolean":
          return v === want;
        case "number":
        case "date": {
          const got = ATTRS[node.key] === "number" ? asNumber(v) : asDate(v);
          if (got === null || want === null) return false;
          return node.op === "gt" ? got > want : node.op === "lt" ? got < want : got === want;
        }
      }
    }
  }
}

async function freshOrg() {
  const { org, actor } = await createOrgWithOwner();
  await db.insert(contactAttributes).values(Object.entries(ATTRS).map(([key, type]) => ({ orgId: org.id, key, label: key, type })));
  const made = await db
    .insert(lists)
    .values([0, 1].map((i) => ({ orgId: org.id, name: `L${i}`, publicToken: `tok-${org.id}-${i}` })))
    .returning({ id: lists.id });
  return { org, actor, listIds: made.map((l) => l.id) };
}

describe("segment compilation (property)", () => {
  it("counts exactly the contacts a plain reading of the rules matches", async () => {
    const { org, actor, listIds } = await freshOrg();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(personArb, { minLength: 1, maxLength: 40 }), fc.array(groupArb(listIds), { minLength: 3, maxLength: 3 }), async (people, trees) => {
        run++;
        // A clean slate per run inside the same org: the org's lists and attributes stay.
        await db.delete(contacts).where(eq(contacts.orgId, org.id));
        const rows = await db
          .insert(contacts)
          .values(people.map((p, i) => ({ orgId: org.id, email: `r${run}-${i}@example.test`, tags: p.tags, status: p.status, timezone: p.timezone, operatorCode: p.operatorCode, attributes: p.attributes, createdAt: p.createdAt })))
          .returning({ id: contacts.id });
        const memberships = rows.flatMap((r, i) => listIds.filter((_, l) => people[i].lists[l]).map((listId) => ({ listId, contactId: r.id, orgId: org.id })));
        if (memberships.length) await db.insert(listMembers).values(memberships);
        for (const rules of trees) {
          const expected = people.filter((p) => matches(rules, p, listIds)).length;
          const { count: got } = await countSegment(actor, { rules });
          expect(got, JSON.stringify(rules)).toBe(expected);
        }
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it("treats any string a user types as a plain value", async () => {
    const { org, actor } = await freshOrg();
    const [{ n: before }] = await db.select({ n: count() }).from(contacts).where(eq(contacts.orgId, org.id));
    const hostile = fc.oneof(fc.constantFrom("'); DROP TABLE contacts;--", "\\'; SELECT pg_sleep(1);--", "%_\\", "$1", "${x}", "' OR '1'='1"), fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }));
    let i = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (s) => {
        i++;
        const clean = !s.includes("\u0000") && s.trim().length > 0 && s.length <= 16;
        // A contact carrying the string as its plan, tag and operator code must be found by it, exactly.
        if (clean) {
          await db.insert(contacts).values({ orgId: org.id, email: `h${i}@example.test`, tags: [s.trim().toLowerCase()], operatorCode: s.trim(), attributes: { plan: s } });
        }
        const rules = {
          match: "all",
          rules: [
            { field: "tag", op: "is", value: s },
            { field: "operator_code", op: "is", value: s },
            { field: "attribute", key: "plan", op: "equals", value: s },
            { field: "attribute", key: "plan", op: "contains", value: s },
          ],
        };
        try {
          const { count: got } = await countSegment(actor, { rules });
          if (clean) expect(got).toBeGreaterThanOrEqual(1);
        } catch (e) {
          // Refusals are validation messages, never a database error.
          expect(e instanceof AppError ? e.code : (e as Error).name).toMatch(/VALIDATION|ZodError/);
          expect(clean).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
    const [{ n: after }] = await db.select({ n: count() }).from(contacts).where(eq(contacts.orgId, org.id));
    expect(after).toBeGreaterThanOrEqual(before);
    const [{ exists }] = await query<{ exists: boolean }>(sql`SELECT to_regclass('public.contacts') IS NOT NULL AS exists`);
    expect(exists).toBe(true);
  }, 60_000);
});
