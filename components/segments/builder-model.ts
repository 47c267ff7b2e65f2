import type { AttributeType } from "@/lib/audience/attributes";

/*
 * The builder edits a draft tree whose values are all strings (what inputs hold) and whose
 * nodes carry a client key for React. `toRules` turns it into the JSON the server checks and
 * coerces; `fromRules` reads a saved tree back.
 */

export type Field = "tag" | "list" | "attribute" | "operator_code" | "status" | "timezone" | "created";
export type DraftRule = { key: string; kind: "rule"; field: Field; op: string; attr: string; value: string };
export type DraftGroup = { key: string; kind: "group"; match: "all" | "any"; rules: DraftNode[] };
export type DraftNode = DraftRule | DraftGroup;

export type BuilderOptions = {
  lists: { id: string; name: string }[];
  attributes: { key: string; label: string; type: AttributeType }[];
  timezones: string[];
};

export const MAX_DEPTH = 3;

export const FIELDS: { value: Field; label: string }[] = [
  { value: "tag", label: "Tag" },
  { value: "list", label: "List" },
  { value: "attribute", label: "Attribute" },
  { value: "status", label: "Status" },
  { value: "timezone", label: "Timezone" },
  { value: "operator_code", label: "Operator code" },
  { value: "created", label: "Created" },
];

export const STATUSES = ["subscribed", "pending", "unsubscribed", "bounced", "complained"];

export function opsFor(field: Field, type?: AttributeType): { value: string; label: string }[] {
  switch (field) {
    case "tag":
      return [{ value: "is", label: "is" }, { value: "is_not", label: "isn't" }];
    case "list":
      return [{ value: "is", label: "is a member of" }, { value: "is_not", label: "isn't a member of" }];
    case "created":
      return [{ value: "before", label: "before" }, { value: "after", label: "after" }];
    case "attribute": {
      const set = { value: "is_set", label: "is set" };
      const eq = { value: "equals", label: "equals" };
      if (type === "text") return [eq, { value: "contains", label: "contains" }, set];
      if (type === "boolean") return [eq, set];
      return [eq, { value: "gt", label: type === "date" ? "is after" : "greater than" }, { value: "lt", label: type === "date" ? "is before" : "less than" }, set];
    }
    default:
      return [{ value: "is", label: "is" }];
  }
}

let counter = 0;
export const newKey = () => `n${++counter}`;

export function defaultRule(field: Field, opts: BuilderOptions): DraftRule {
  const attr = opts.attributes[0];
  const op = opsFor(field, attr?.type)[0].value;
  const value = field === "list" ? (opts.lists[0]?.id ?? "") : field === "status" ? "subscribed" : field === "attribute" && attr?.type === "boolean" ? "true" : "";
  return { key: newKey(), kind: "rule", field, op, attr: field === "attribute" ? (attr?.key ?? "") : "", value };
}

export const emptyGroup = (match: "all" | "any" = "all"): DraftGroup => ({ key: newKey(), kind: "group", match, rules: [] });

type JsonRule = Record<string, unknown>;

export function toRules(g: DraftGroup): { match: string; rules: unknown[] } {
  return {
    match: g.match,
    rules: g.rules.map((n): unknown => {
      if (n.kind === "group") return toRules(n);
      const r: JsonRule = { field: n.field, op: n.op };
      if (n.field === "attribute") {
        r.key = n.attr;
        if (n.op !== "is_set") r.value = n.value;
      } else r.value = n.value;
      return r;
    }),
  };
}

export function fromRules(raw: unknown): DraftGroup {
  const g = (raw ?? {}) as { match?: string; rules?: unknown[] };
  return {
    key: newKey(),
    kind: "group",
    match: g.match === "any" ? "any" : "all",
    rules: (g.rules ?? []).map((n): DraftNode => {
      const r = n as JsonRule;
      if ("match" in r) return fromRules(r);
      return {
        key: newKey(),
        kind: "rule",
        field: r.field as Field,
        op: String(r.op ?? ""),
        attr: String(r.key ?? ""),
        value: r.value === null || r.value === undefined ? "" : String(r.value),
      };
    }),
  };
}

/** Immutable update of the node at `path` (indexes from the root group). */
export function updateAt(root: DraftGroup, path: number[], fn: (n: DraftNode) => DraftNode | null): DraftGroup {
  if (path.length === 0) return fn(root) as DraftGroup;
  const [i, ...rest] = path;
  const rules = [...root.rules];
  const child = rules[i];
  const next = rest.length === 0 ? fn(child) : child.kind === "group" ? updateAt(child, rest, fn) : child;
  if (next === null) rules.splice(i, 1);
  else rules[i] = next;
  return { ...root, rules };
}

/** The server's error key for a control: `rules.0.rules.2.value`. */
export const errorKey = (path: number[], leaf: string) => `rules.${path.join(".rules.")}.${leaf}`;
