import { describe, expect, it } from "vitest";
import { errorKey, fromRules, opsFor, toRules, updateAt, type DraftGroup, type DraftRule } from "@/components/segments/builder-model";
import { segmentRulesSchema } from "@/lib/audience/segments/rules-schema";

const saved = {
  match: "any",
  rules: [
    { field: "tag", op: "is", value: "vip" },
    { match: "all", rules: [{ field: "attribute", key: "score", op: "gt", value: 5 }, { field: "attribute", key: "plan", op: "is_set", value: null }] },
    { field: "created", op: "before", value: "2024-01-01" },
  ],
};

describe("the builder's draft tree", () => {
  it("round-trips a saved tree into rules the server accepts", () => {
    const json = toRules(fromRules(saved));
    expect(() => segmentRulesSchema.parse(json)).not.toThrow();
    expect(json).toEqual({
      match: "any",
      rules: [
        { field: "tag", op: "is", value: "vip" },
        { match: "all", rules: [{ field: "attribute", key: "score", op: "gt", value: "5" }, { field: "attribute", key: "plan", op: "is_set" }] },
        { field: "created", op: "before", value: "2024-01-01" },
      ],
    });
  });

  it("edits and removes nodes by path without touching the rest", () => {
    const d = fromRules(saved);
    const edited = updateAt(d, [1, 0], (n) => ({ ...(n as DraftRule), value: "7" }));
    expect(((edited.rules[1] as DraftGroup).rules[0] as DraftRule).value).toBe("7");
    expect(((d.rules[1] as DraftGroup).rules[0] as DraftRule).value).toBe("5");
    const removed = updateAt(edited, [1], () => null);
    expect(removed.rules).toHaveLength(2);
    expect(edited.rules[0]).toBe(d.rules[0]);
  });

  it("names controls with the server's error keys and offers operators by type", () => {
    expect(errorKey([1, 0], "value")).toBe("rules.1.rules.0.value");
    expect(opsFor("attribute", "boolean").map((o) => o.value)).toEqual(["equals", "is_set"]);
    expect(opsFor("attribute", "text").map((o) => o.value)).toContain("contains");
    expect(opsFor("attribute", "number").map((o) => o.value)).toEqual(["equals", "gt", "lt", "is_set"]);
  });
});
