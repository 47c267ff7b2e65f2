/**
 * A tiny evaluator for the subset of Inngest's CEL expressions Herald needs in-process:
 * concurrency/idempotency keys (`event.data.orgId`, `event.data.a + "-" + event.data.b`, `"ai"`)
 * and trigger/`waitForEvent` conditions (`event.data.plan == 'pro' && async.data.id == event.data.id`).
 *
 * Supported: dotted paths and `[...]` index on the given roots, string/number/bool/null literals,
 * `+`, `== != < <= > >=`, `&& || !`, parentheses. Not supported (throws when compiled): macros
 * (`has()`, `exists()`), `in`, ternaries, arithmetic other than `+`. Missing fields evaluate to
 * `undefined` instead of raising CEL's "no such key", so a missing key groups runs under "".
 */
export type Expression = (vars: Record<string, unknown>) => unknown;

type Token = { kind: "str" | "num" | "ident" | "op"; value: string };

const OPS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "!", "(", ")", ".", "[", "]"];

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = "";
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\\" && j + 1 < src.length) j++;
        value += src[j++];
      }
      if (j >= src.length) throw new Error(`unterminated string in expression: ${src}`);
      tokens.push({ kind: "str", value });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      tokens.push({ kind: "num", value: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      tokens.push({ kind: "ident", value: m[0] });
      i += m[0].length;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (!op) throw new Error(`unsupported character "${c}" in expression: ${src}`);
      tokens.push({ kind: "op", value: op });
      i += op.length;
    }
  }
  return tokens;
}

/** Compiles once so a bad expression fails when the runner is created, not mid-run. */
export function compileExpression(src: string): Expression {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (value?: string) =>
    pos < tokens.length && (value === undefined || (tokens[pos].kind === "op" && tokens[pos].value === value));
  const expect = (value: string) => {
    if (!peek(value)) throw new Error(`expected "${value}" in expression: ${src}`);
    pos++;
  };

  const binary = (next: () => Expression, ops: string[], apply: (op: string, a: Expression, b: Expression) => Expression) => {
    return (): Expression => {
      let left = next();
      while (pos < tokens.length && tokens[pos].kind === "op" && ops.includes(tokens[pos].value)) {
        const op = tokens[pos++].value;
        left = apply(op, left, next());
      }
      return left;
    };
  };

  const primary = (): Expression => {
    const tok = tokens[pos++];
    if (!tok) throw new Error(`unexpected end of expression: ${src}`);
    if (tok.kind === "str") return () => tok.value;
    if (tok.kind === "num") return () => Number(tok.value);
    if (tok.kind === "op" && tok.value === "(") {
      const inner = or();
      expect(")");
      return inner;
    }
    if (tok.kind === "op" && tok.value === "!") {
      const inner = primary();
      return (v) => !inner(v);
    }
    if (tok.kind !== "ident") throw new Error(`unexpected "${tok.value}" in expression: ${src}`);
    if (tok.value === "true" || tok.value === "false") return () => tok.value === "true";
    if (tok.value === "null") return () => null;
    if (peek("(")) throw new Error(`function calls are not supported by the local runner: ${src}`);
    const path: string[] = [tok.value];
    while (peek(".") || peek("[")) {
      if (tokens[pos++].value === ".") {
        const name = tokens[pos++];
        if (name?.kind !== "ident") throw new Error(`expected a field name in expression: ${src}`);
        path.push(name.value);
      } else {
        const key = tokens[pos++];
        if (key?.kind !== "str" && key?.kind !== "num") throw new Error(`expected a literal index in expression: ${src}`);
        path.push(key.value);
        expect("]");
      }
    }
    return (vars) => getPath(vars, path);
  };

  const add = binary(primary, ["+"], (_op, a, b) => (v) => {
    const x = a(v);
    const y = b(v);
    return typeof x === "number" && typeof y === "number" ? x + y : `${x ?? ""}${y ?? ""}`;
  });
  const compare = binary(add, ["==", "!=", "<", "<=", ">", ">="], (op, a, b) => (v) => {
    const x = a(v) as number;
    const y = b(v) as number;
    switch (op) {
      case "==": return x === y;
      case "!=": return x !== y;
      case "<": return x < y;
      case "<=": return x <= y;
      case ">": return x > y;
      default: return x >= y;
    }
  });
  const and = binary(compare, ["&&"], (_op, a, b) => (v) => Boolean(a(v)) && Boolean(b(v)));
  const or = binary(and, ["||"], (_op, a, b) => (v) => Boolean(a(v)) || Boolean(b(v)));

  const expr = or();
  if (pos !== tokens.length) throw new Error(`unsupported syntax near "${tokens[pos].value}" in expression: ${src}`);
  return expr;
}

export function getPath(root: unknown, path: string[]): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
