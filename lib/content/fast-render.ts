import { Output, TokenKind, type Template } from "liquidjs";

/**
 * A fast path for the common shape of a marketing template: text with `{{ a.b.c }}` and
 * `{{ a.b | default: "x" }}` outputs and no tags. Liquid's generator-based renderer costs tens of
 * microseconds per output; a campaign renders the same template a million times, so this plain
 * loop renders such templates directly and matches Liquid byte for byte (a test compares the two).
 * Anything outside the shape (a tag, another filter, a value that is not a string, number, boolean
 * or nothing, `size`/`first`/`last`) is left to Liquid: `compileFast` returns null for the template,
 * or the returned function answers `undefined` for that one render.
 */

export type FastRender = (scope: Record<string, unknown>) => string | undefined;

type Part = string | { path: (string | number)[]; fallback: string | null; hasDefault: boolean; escape: boolean };

const BAIL = Symbol("bail");
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (m) => ESCAPES[m]);

type TokenLike = { kind?: number; content?: unknown; variable?: TokenLike; props?: TokenLike[] };

function literal(token: TokenLike | undefined): string | number | undefined {
  const c = token?.content;
  return typeof c === "string" || typeof c === "number" ? c : undefined;
}

/** `a.b["c"].0` as a list of keys, or null when any key is computed. */
function pathOf(token: TokenLike): (string | number)[] | null {
  if (token.kind !== TokenKind.PropertyAccess) return null;
  const keys: (string | number)[] = [];
  for (const t of [...(token.variable ? [token.variable] : []), ...(token.props ?? [])]) {
    const key = literal(t);
    if (key === undefined) return null;
    keys.push(key);
  }
  return keys.length && typeof keys[0] === "string" ? keys : null;
}

function outputPart(tpl: Output, outputEscape: unknown): Part | null {
  const postfix = (tpl.value.initial as unknown as { postfix: TokenLike[] }).postfix;
  if (postfix.length !== 1) return null;
  const path = pathOf(postfix[0]);
  if (!path) return null;
  let fallback: string | null = null;
  let hasDefault = false;
  let escape = false;
  const filters = tpl.value.filters;
  for (let i = 0; i < filters.length; i++) {
    const f = filters[i];
    const last = i === filters.length - 1;
    if (f.name === "default" && i === 0 && f.args.length === 1 && typeof literal(f.args[0] as TokenLike) === "string") {
      hasDefault = true;
      fallback = literal(f.args[0] as TokenLike) as string;
    } else if (last && outputEscape && (f as unknown as { handler: unknown }).handler === outputEscape) {
      // The engine's output escape, appended to every output not ending in `raw`.
      escape = true;
    } else return null;
  }
  if (outputEscape && !escape) return null;
  return { path, fallback, hasDefault, escape };
}

/** `outputEscape` is the engine's (`engine.options.outputEscape`): set for HTML, unset for text. */
export function compileFast(templates: Template[], outputEscape: unknown): FastRender | null {
  const parts: Part[] = [];
  for (const tpl of templates) {
    if (tpl.token.kind === TokenKind.HTML && typeof (tpl as { str?: unknown }).str === "string") parts.push((tpl as unknown as { str: string }).str);
    else if (tpl instanceof Output) {
      const part = outputPart(tpl, outputEscape);
      if (!part) return null;
      parts.push(part);
    } else return null;
  }
  return (scope) => {
    let out = "";
    for (const part of parts) {
      if (typeof part === "string") {
        out += part;
        continue;
      }
      const value = lookup(scope, part.path);
      if (value === BAIL) return undefined;
      let text: string;
      if (part.hasDefault && (value === null || value === undefined || value === false || value === "")) text = part.fallback ?? "";
      else text = value === null || value === undefined ? "" : String(value);
      out += part.escape ? escapeHtml(text) : text;
    }
    return out;
  };
}

const hasOwn = Object.prototype.hasOwnProperty;

function lookup(scope: Record<string, unknown>, path: (string | number)[]): unknown {
  let value: unknown = scope;
  for (const key of path) {
    if (value === null || value === undefined) return value;
    if (typeof value !== "object" || Array.isArray(value)) return BAIL;
    if (key === "size" || key === "first" || key === "last") return BAIL;
    value = hasOwn.call(value, key) ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  const t = typeof value;
  if (value === null || value === undefined || t === "string" || t === "number" || t === "boolean") return value;
  return BAIL;
}
