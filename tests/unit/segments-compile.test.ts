import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { compileSegment, type SegmentContext } from "@/lib/audience/segments/compile-segment";
import { segmentRulesSchema, type RuleGroup } from "@/lib/audience/segments/rules-schema";

const dialect = new PgDialect();
const ctx: SegmentContext = {
  orgId: "org_test",
  timezone: "Europe/Berlin",
  attributes: new Map([
    ["plan", "text"],
    ["score", "number"],
    ["renewal", "date"],
    ["vip", "boolean"],
  ]),
  listIds: new Set(["lst_aaaaaaaaaaaa"]),
};

const compile = (rules: unknown) => compileSegment(segmentRulesSchema.parse(rules), ctx);
const render = (rules: unknown) => dialect.sqlToQuery(compile(rules).condition);
const refusal = (rules: unknown): AppError => {
  try {
    compile(rules);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected a refusal");
};

describe("segment rule schema", () => {
  it("accepts every kind of rule, nested groups included", () => {
    const tree = {
      match: "all",
      rules: [
        { field: "tag", op: "is", value: " VIP " },
        { field: "list", op: "is_not", value: "lst_aaaaaaaaaaaa" },
        { field: "status", op: "is", value: "subscribed" },
        { match: "any", rules: [{ field: "timezone", op: "is", value: "Europe/Berlin" }, { field: "operator_code", op: "is", value: "916" }] },
        { field: "created", op: "after", value: "2024-02-29" },
        { field: "attribute", key: "score", op: "gt", value: "10" },
      ],
    };
    const parsed = segmentRulesSchema.parse(tree) as RuleGroup;
    expect(parsed.rules[0]).toEqual({ field: "tag", op: "is", value: "vip" });
  });

  it.each([
    ["an unknown field", { match: "all", rules: [{ field: "email", op: "is", value: "x" }] }],
    ["an empty tag", { match: "all", rules: [{ field: "tag", op: "is", value: "  " }] }],
    ["a bad status", { match: "all", rules: [{ field: "status", op: "is", value: "gone" }] }],
    ["a made-up timezone", { match: "all", rules: [{ field: "timezone", op: "is", value: "Mars/Olympus" }] }],
    ["an impossible date", { match: "all", rules: [{ field: "created", op: "before", value: "2024-02-30" }] }],
    ["a NUL character", { match: "all", rules: [{ field: "tag", op: "is", value: "a\u0000b" }] }],
    ["a bad match", { match: "some", rules: [] }],
    ["groups four levels deep", { match: "all", rules: [{ match: "all", rules: [{ match: "all", rules: [{ match: "all", rules: [] }] }] }] }],
    ["51 rules", { match: "any", rules: Array.from({ length: 51 }, () => ({ field: "tag", op: "is", value: "x" })) }],
    ["51 rules spread over groups", { match: "any", rules: Array.from({ length: 3 }, () => ({ match: "all", rules: Array.from({ length: 17 }, () => ({ field: "tag", op: "is", value: "x" })) })) }],
  ])("refuses %s", (_name, tree) => {
    expect(() => segmentRulesSchema.parse(tree)).toThrow(ZodError);
  });

  it("allows exactly three levels and fifty rules", () => {
    expect(() => segmentRulesSchema.parse({ match: "all", rules: [{ match: "any", rules: [{ match: "all", rules: [] }] }] })).not.toThrow();
    expect(() => segmentRulesSchema.parse({ match: "any", rules: Array.from({ length: 50 }, () => ({ field: "tag", op: "is", value: "x" })) })).not.toThrow();
  });
});

describe("compiling", () => {
  it("keeps every user value out of the SQL text", () => {
    const evil = "'); DROP TABLE contacts;--";
    const q = render({
      match: "any",
      rules: [
        { field: "tag", op: "is", value: evil },
        { field: "attribute", key: "plan", op: "contains", value: evil },
        { field: "operator_code", op: "is", value: "';--" },
        { field: "timezone", op: "is", value: "America/New_York" },
      ],
    });
    expect(q.sql).not.toContain("DROP");
    expect(q.sql).not.toContain("';--");
    expect(q.sql).not.toContain("America");
    expect(q.params).toContain(evil.toLowerCase());
    expect(q.params).toContain(evil);
  });

  it("treats an empty all-group as everything and an empty any-group as nothing", () => {
    expect(render({ match: "all", rules: [] }).sql).toBe("TRUE");
    expect(render({ match: "any", rules: [] }).sql).toBe("FALSE");
  });

  it("coerces attribute values to their declared type", () => {
    const { rules } = compile({
      match: "all",
      rules: [
        { field: "attribute", key: "score", op: "lt", value: "3,5" },
        { field: "attribute", key: "vip", op: "equals", value: "yes" },
        { field: "attribute", key: "renewal", op: "gt", value: "2024-05-01T10:00:00Z" },
      ],
    });
    expect(rules.rules.map((r) => ("value" in r ? r.value : null))).toEqual([3.5, true, "2024-05-01"]);
  });

  it.each([
    [{ field: "attribute", key: "shoe_size", op: "equals", value: "42" }, "rules.0.key", /unknown attribute "shoe_size"/],
    [{ field: "attribute", key: "score", op: "gt", value: "lots" }, "rules.0.value", /score: not a number \(expected number\)/],
    [{ field: "attribute", key: "renewal", op: "lt", value: "someday" }, "rules.0.value", /not a date/],
    [{ field: "attribute", key: "vip", op: "equals", value: "maybe" }, "rules.0.value", /not true or false/],
    [{ field: "attribute", key: "vip", op: "gt", value: "true" }, "rules.0.op", /number and date/],
    [{ field: "attribute", key: "score", op: "contains", value: "1" }, "rules.0.op", /text attributes/],
    [{ field: "attribute", key: "plan", op: "equals" }, "rules.0.value", /enter a value/],
    [{ field: "list", op: "is", value: "lst_bbbbbbbbbbbb" }, "rules.0.value", /list does not exist/],
  ])("refuses %o, naming the rule", (rule, field, message) => {
    const e = refusal({ match: "all", rules: [rule] });
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toMatch(/^Rule 1: /);
    expect(e.message).toMatch(message);
    expect(Object.keys(e.fields ?? {})).toEqual([field]);
  });

  it("reports every bad rule of a nested tree by its path", () => {
    const e = refusal({
      match: "all",
      rules: [
        { field: "tag", op: "is", value: "ok" },
        { match: "any", rules: [{ field: "status", op: "is", value: "pending" }, { field: "attribute", key: "nope", op: "is_set" }] },
        { field: "attribute", key: "score", op: "equals", value: "x" },
      ],
    });
    expect(e.message).toMatch(/^Rule 2\.2: unknown attribute "nope".*\(and 1 more\)$/);
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(["rules.1.rules.1.key", "rules.2.value"]);
  });

  it("does not check lists when the context says not to (saved segments whose list was deleted)", () => {
    const lenient = { ...ctx, listIds: null };
    const tree = segmentRulesSchema.parse({ match: "all", rules: [{ field: "list", op: "is", value: "lst_bbbbbbbbbbbb" }] });
    expect(() => compileSegment(tree, lenient)).not.toThrow();
  });
});
