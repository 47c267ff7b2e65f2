import { Liquid, LiquidError, type Template } from "liquidjs";
import { compileFast, type FastRender } from "./fast-render";

/**
 * The template engines, configured so a template written by any org member can do no harm:
 * - no file access: `include`, `render` and `layout` are removed (a template naming them is a parse
 *   error), lookups go to an empty in-memory map, and relative paths are off;
 * - `strictFilters`: an unknown filter is refused when saving, not silently skipped at send time;
 * - `ownPropertyOnly`: no reaching into prototypes (`contact.constructor`);
 * - limits: parse size, render time and allocation, so a loop bomb stops instead of hanging a worker.
 * Two engines: HTML output escapes every value (a contact named `<script>` stays text), while
 * subject, preheader, plain text and SMS are not HTML and get values verbatim.
 */

export type EngineKind = "html" | "plain";

/** Render time per call; a real template renders in well under a millisecond. */
export const RENDER_LIMIT_MS = 250;
/** Largest template source accepted, in characters. */
export const PARSE_LIMIT = 1_000_000;
/** Allocation budget per render (strings, arrays built by filters and ranges). */
export const MEMORY_LIMIT = 20_000_000;

function createEngine(kind: EngineKind): Liquid {
  const engine = new Liquid({
    templates: {},
    relativeReference: false,
    dynamicPartials: false,
    strictFilters: true,
    ownPropertyOnly: true,
    outputEscape: kind === "html" ? "escape" : undefined,
    parseLimit: PARSE_LIMIT,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
    timezoneOffset: 0,
  });
  for (const tag of ["include", "render", "layout", "block"]) delete engine.tags[tag];
  return engine;
}

const engines: Record<EngineKind, Liquid> = { html: createEngine("html"), plain: createEngine("plain") };

export const engineFor = (kind: EngineKind) => engines[kind];

export type Compiled = { kind: EngineKind; templates: Template[]; fast: FastRender | null };

/**
 * Parse once, render many: a campaign renders one template for every recipient. Keyed by the
 * source itself (a Map hashes string keys by content), bounded by total characters so a stream
 * of edited templates cannot grow the process without limit.
 */
const MAX_CACHED_CHARS = 20_000_000;
const caches: Record<EngineKind, Map<string, Compiled>> = { html: new Map(), plain: new Map() };
let cachedChars = 0;

export function compile(kind: EngineKind, source: string): Compiled {
  const cache = caches[kind];
  const hit = cache.get(source);
  if (hit) return hit;
  const engine = engines[kind];
  const templates = engine.parse(source);
  const compiled: Compiled = { kind, templates, fast: compileFast(templates, engine.options.outputEscape) };
  cachedChars += source.length;
  while (cachedChars > MAX_CACHED_CHARS) {
    const oldest = caches.html.size ? caches.html : caches.plain;
    const [key] = oldest.keys();
    if (key === undefined) break;
    oldest.delete(key);
    cachedChars -= key.length;
  }
  cache.set(source, compiled);
  return compiled;
}

export function renderCompiled(compiled: Compiled, scope: Record<string, unknown>): string {
  if (compiled.fast) {
    const out = compiled.fast(scope);
    if (out !== undefined) return out;
  }
  return String(engines[compiled.kind].renderSync(compiled.templates, scope));
}

/** A template that cannot be parsed or rendered; `line` is 1-based when Liquid knows it. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

const FILE_TAG = /^tag "(include|render|layout|block)" not found/;

/** Liquid's message without its own position suffix, worded for the person who wrote the template. */
export function toTemplateError(e: unknown): TemplateError {
  if (!LiquidError.is(e)) throw e;
  const raw = (e.originalError?.message ?? e.message).replace(/, line:\d+, col:\d+$/, "").split("\n")[0];
  const position = e.token?.getPosition?.();
  const line = position ? position[0] : null;
  const fileTag = raw.match(FILE_TAG);
  let message = fileTag ? `{% ${fileTag[1]} %} is not available in templates` : raw;
  if (/render limit exceeded|memory alloc limit exceeded/.test(raw)) message = "The template does too much work to render (a loop that is too long?)";
  else if (/^undefined filter: /.test(raw)) message = `Unknown filter "${raw.slice("undefined filter: ".length)}"`;
  return new TemplateError(line ? `Line ${line}: ${message}.` : `${message}.`, line);
}
