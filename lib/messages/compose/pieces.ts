import { Output, TokenKind, type Template } from "liquidjs";
import { compileFast } from "@/lib/content/fast-render";
import { compile, engineFor, renderCompiled, type EngineKind } from "@/lib/content/liquid-engine";

/**
 * A campaign body cut once into what is the same for every recipient and what is not, so a
 * message is string joins, a few fast renders and a few HMACs, never a parse:
 * - a string is static text (the same bytes for everyone);
 * - `{ slot }` is a per-message token (tracking, unsubscribe, preferences) or the preheader;
 * - `{ part }` is a piece of Liquid rendered per recipient (see `Part`).
 * The SendGrid path sends the static text once per call and each recipient's slots and parts as
 * substitutions; SMTP and the outbox join the pieces into each message's own body.
 */
export type Piece = string | { slot: string } | { part: number };

/** A piece as a compiled plan holds it: each per-message piece with its substitution key. */
export type KeyedPiece = string | { slot: string; key: string } | { part: number; key: string };

/**
 * A Liquid piece. `expand`: the output may hold markers (a tracked link or the footer inside an
 * `{% if %}` block) that are replaced per message; never set for a plain output, whose text is the
 * contact's own data.
 */
export type Part = { render(scope: Record<string, unknown>): string; expand: boolean };

/**
 * Markers stand in the template source for per-message text until the source is cut into
 * pieces. Private-use characters: they never occur in real mail (the source is stripped of them
 * first), and neither Liquid nor the HTML escaper touches them.
 */
export const MARK_OPEN = "\uE010";
export const MARK_CLOSE = "\uE011";
export const MARKER = /\uE010([a-z0-9]+)\uE011/g;
export const marker = (name: string) => `${MARK_OPEN}${name}${MARK_CLOSE}`;
export const stripMarkers = (s: string) => (s.includes(MARK_OPEN) || s.includes(MARK_CLOSE) ? s.replace(/[\uE010\uE011]/g, "") : s);

/**
 * Tags whose effect outlives their own output (variables, counters, `offset: continue`): a
 * template using them must render as one piece, since rendering its parts separately would lose
 * that state between them.
 */
const STATEFUL = /\{%-?\s*(?:assign|capture|increment|decrement|cycle|ifchanged|liquid)\b|offset\s*:\s*continue/;

/** Static text with its markers swapped for the pieces they stand for. */
export function expandStatic(text: string, markers: (name: string) => Piece[]): Piece[] {
  if (!text.includes(MARK_OPEN)) return text ? [text] : [];
  const out: Piece[] = [];
  let at = 0;
  for (const m of text.matchAll(MARKER)) {
    if (m.index > at) out.push(text.slice(at, m.index));
    out.push(...markers(m[1]));
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export type Cut = { pieces: Piece[]; parts: Part[]; whole: boolean };

/**
 * Cuts a Liquid source (already holding markers) into pieces. Top-level text becomes static
 * pieces, each top-level output or self-contained tag its own part; a template with stateful tags
 * is one part. `partBase` numbers the parts after those of other bodies of the same message.
 */
export function cutTemplate(kind: EngineKind, source: string, partBase: number, markers: (name: string) => Piece[], opts: { allowTags: boolean }): Cut {
  const compiled = compile(kind, source);
  const engine = engineFor(kind);
  const hasTags = compiled.templates.some((t) => !isText(t) && !(t instanceof Output));
  if (STATEFUL.test(source) || (hasTags && !opts.allowTags)) {
    const part: Part = { render: (scope) => renderCompiled(compiled, scope), expand: source.includes(MARK_OPEN) };
    return { pieces: [{ part: partBase }], parts: [part], whole: true };
  }
  const pieces: Piece[] = [];
  const parts: Part[] = [];
  const escape = engine.options.outputEscape;
  for (const tpl of compiled.templates) {
    if (isText(tpl)) {
      pieces.push(...expandStatic((tpl as unknown as { str: string }).str, markers));
      continue;
    }
    const list: Template[] = [tpl];
    const fast = tpl instanceof Output ? compileFast(list, escape) : null;
    const slow = (scope: Record<string, unknown>) => String(engine.renderSync(list, scope));
    parts.push({
      render: fast ? (scope) => fast(scope) ?? slow(scope) : slow,
      expand: !(tpl instanceof Output) && source.includes(MARK_OPEN),
    });
    pieces.push({ part: partBase + parts.length - 1 });
  }
  return { pieces: mergeStatic(pieces), parts, whole: false };
}

const isText = (t: Template) => t.token.kind === TokenKind.HTML && typeof (t as { str?: unknown }).str === "string";

/** Adjacent static strings joined: fewer pieces to walk per message. */
export function mergeStatic(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    if (typeof p === "string" && typeof out[out.length - 1] === "string") out[out.length - 1] += p;
    else if (p !== "") out.push(p);
  }
  return out;
}
