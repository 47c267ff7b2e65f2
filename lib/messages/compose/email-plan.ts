import { randomBytes } from "node:crypto";
import type { CampaignContent } from "@/db/schema";
import { deriveTextTemplate, htmlToText, injectPreheader, tidyText } from "@/lib/content/html-text";
import { compile, renderCompiled, toTemplateError, type Compiled } from "@/lib/content/liquid-engine";
import { prepareTracking } from "@/lib/tracking/prepare-tracking";
import { clickHref, footerHtml, footerText, pixelHtml, SLOT, type FooterOrg } from "./footer";
import { cutTemplate, marker, mergeStatic, stripMarkers, type KeyedPiece, type Part, type Piece } from "./pieces";

export type EmailPlanInput = {
  campaignId: string;
  campaignName: string;
  content: CampaignContent;
  /** campaigns.links: the click targets by link index, fixed at launch. */
  links: string[];
  baseUrl: string;
  org: FooterOrg;
};

/**
 * A campaign's e-mail compiled once: bodies as pieces, each per-message piece keyed, and the same
 * bodies as SendGrid shares them (every per-message piece replaced by its key).
 */
export type EmailPlan = {
  key: string;
  base: string;
  campaignName: string;
  org: FooterOrg;
  /** Static, or compiled when it holds Liquid (then `subjectKey` names it in `shared.subject`). */
  subject: string | Compiled;
  subjectKey: string;
  /** A preheader with Liquid, rendered per message into the hidden span's text. */
  preheader: Compiled | null;
  html: KeyedPiece[];
  text: KeyedPiece[];
  /** Every per-message piece of `html` and `text` once: a message's substitutions. */
  substituted: Exclude<KeyedPiece, string>[];
  parts: Part[];
  /** What a marker in a part's output stands for. */
  markers(name: string): KeyedPiece[];
  shared: { subject: string; html: string; text: string };
  /** Link indexes not tracked because their address holds Liquid (see below). */
  untracked: number[];
};

const LIQUID_MARKUP = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const HAS_LIQUID = /\{\{|\{%/;
const BODY_OPEN = /<body\b[^>]*>/i;

/**
 * Compiles a campaign's content snapshot for dispatch. Tracking is prepared on the snapshot's
 * HTML *before* Liquid, exactly as launch prepared `campaigns.links`, so link index i here is
 * link index i there; each tracked `href` and the pixel become markers, Liquid runs around them,
 * and the markers become per-message tokens.
 *
 * A link whose address holds Liquid (`https://x.test/?e={{ contact.email }}`) is NOT tracked: its
 * target differs per recipient, while a click token can only name the one address stored at
 * launch (and redirecting to a stored `{{ ... }}` would be wrong). It is sent as written, with
 * its Liquid rendered per recipient, and its index in `campaigns.links` is simply never used.
 * The same holds for a link that launch stored but this HTML no longer yields (never happens
 * while the snapshot is frozen; kept safe rather than pointing a click at the wrong address).
 *
 * The footer (org, postal address, unsubscribe and preference links) and the open pixel go where
 * the pixel goes: before `</body>`, or at the end. The preheader goes after `<body ...>`, or first.
 * Text: the snapshot's own text, or text derived from the HTML template once (html-text.ts); links
 * in the text part are not tracked. Throws TemplateError when a template does not parse.
 */
export function compileEmailPlan(input: EmailPlanInput): EmailPlan {
  const base = input.baseUrl.replace(/\/+$/, "");
  const content = input.content;
  const html = stripMarkers(content.html ?? "");
  const prepared = prepareTracking(html, base);
  const sameLinks = prepared.links.length === input.links.length && prepared.links.every((l, i) => l === input.links[i]);
  const storedIndex = (i: number) => (sameLinks ? i : input.links.indexOf(prepared.links[i]));
  const untracked = new Set<number>();

  let slotted = prepared.fill((slot) => {
    if (slot.kind === "open") return marker("open");
    const url = prepared.links[slot.linkIndex];
    const index = storedIndex(slot.linkIndex);
    if (index >= 0 && !HAS_LIQUID.test(url)) return marker(SLOT.click(index));
    if (index >= 0) untracked.add(index);
    // As written: Liquid inside must stay intact for the engine, so only a quote is dealt with.
    if (HAS_LIQUID.test(url)) return url.includes('"') ? `href='${url}'` : `href="${url}"`;
    return `href="${url.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`;
  });
  slotted = withPreheaderMarker(slotted);

  try {
    const preheaderSource = content.preheader?.trim() ? content.preheader : "";
    const preheader = HAS_LIQUID.test(preheaderSource) ? compile("plain", preheaderSource) : null;
    const preheaderPieces = preheaderHtml(preheaderSource, preheader !== null);
    const markers = (name: string): Piece[] => {
      if (name === "open") return [...footerHtml(base, input.org), ...pixelHtml(base)];
      if (name === SLOT.preheader) return preheaderPieces;
      return clickHref(base, Number(name.slice(1)));
    };

    // A text-only campaign stays text-only: no HTML part made of a footer and a pixel.
    const htmlCut = html.trim() ? cutTemplate("html", slotted, 0, markers, { allowTags: true }) : { pieces: [], parts: [], whole: false };
    const textCut = compileText(content, htmlCut.parts.length);
    const parts = [...htmlCut.parts, ...textCut.parts];
    const subjectSource = content.subject ?? "";
    const subject = HAS_LIQUID.test(subjectSource) ? compile("plain", subjectSource) : oneLine(subjectSource);
    const text = mergeStatic([...textCut.pieces, ...footerText(base, input.org)]);

    // Keys no text can contain by chance, nor a contact guess: a nonce per compile.
    const nonce = randomBytes(4).toString("hex");
    const keyOf = (p: Exclude<Piece, string>) => ("slot" in p ? `[[${nonce}:${p.slot}]]` : `[[${nonce}:L${p.part}]]`);
    const keyed = (pieces: Piece[]): KeyedPiece[] => pieces.map((p) => (typeof p === "string" ? p : { ...p, key: keyOf(p) }));
    const share = (pieces: KeyedPiece[]) => pieces.map((p) => (typeof p === "string" ? p : p.key)).join("");
    const htmlPieces = keyed(htmlCut.pieces);
    const textPieces = keyed(text);
    const substituted = new Map<string, Exclude<KeyedPiece, string>>();
    for (const p of [...htmlPieces, ...textPieces]) if (typeof p !== "string") substituted.set(p.key, p);
    const expansions = new Map<string, KeyedPiece[]>();
    const subjectKey = `[[${nonce}:subject]]`;
    return {
      key: `${input.campaignId}:${nonce}`,
      base,
      campaignName: input.campaignName,
      org: input.org,
      subject,
      subjectKey,
      preheader,
      html: htmlPieces,
      text: textPieces,
      substituted: [...substituted.values()],
      parts,
      markers(name) {
        let pieces = expansions.get(name);
        if (!pieces) expansions.set(name, (pieces = keyed(markers(name))));
        return pieces;
      },
      shared: { subject: typeof subject === "string" ? subject : subjectKey, html: share(htmlPieces), text: share(textPieces) },
      untracked: [...untracked].sort((a, b) => a - b),
    };
  } catch (e) {
    throw toTemplateError(e);
  }
}

export const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/** The hidden preheader span of injectPreheader (html-text.ts), split around its text. */
const PROBE = "\uE012";
const [SPAN_OPEN, SPAN_CLOSE] = injectPreheader("", PROBE).split(PROBE);

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The span's text escaped as injectPreheader escapes it; empty when the preheader renders blank. */
export const preheaderText = (rendered: string) => escapeAttr(rendered.trim());

/**
 * A static preheader is static HTML; one with Liquid keeps its span and padding static and only
 * the text per message (a blank render leaves an empty hidden span, which shows nothing).
 */
function preheaderHtml(source: string, dynamic: boolean): Piece[] {
  if (!source) return [];
  if (!dynamic) return [injectPreheader("", source.trim())];
  return [SPAN_OPEN, { slot: SLOT.preheader }, SPAN_CLOSE];
}

/**
 * The preheader's place, as injectPreheader (html-text.ts) finds it in a rendered message: after
 * the first `<body ...>`, else first. Marked in the source so it is found once, not per message;
 * a `<body>` written inside Liquid markup itself is not a place to put anything.
 */
function withPreheaderMarker(source: string): string {
  const m = BODY_OPEN.exec(source);
  if (!m) return marker(SLOT.preheader) + source;
  const inLiquid = [...source.matchAll(LIQUID_MARKUP)].some((l) => l.index < m.index + m[0].length && m.index < l.index + l[0].length);
  if (inLiquid) return marker(SLOT.preheader) + source;
  const at = m.index + m[0].length;
  return source.slice(0, at) + marker(SLOT.preheader) + source.slice(at);
}

/**
 * The text part without its footer, with compileEmail's rules: the snapshot's text trimmed, or
 * the HTML template's derived text tidied, or (when the HTML template cannot be converted once)
 * each rendered HTML converted. A text template with tags is one part, so trimming and tidying
 * apply to the whole render exactly; one with outputs only is cut, its ends trimmed once here.
 */
function compileText(content: CampaignContent, partBase: number): { pieces: Piece[]; parts: Part[] } {
  const own = content.text?.trim() ? stripMarkers(content.text) : null;
  const derived = own === null ? deriveTextTemplate(content.html ?? "") : null;
  if (own === null && derived === null) {
    const htmlTemplate = compile("html", content.html ?? "");
    return { pieces: [{ part: partBase }], parts: [{ render: (scope) => htmlToText(renderCompiled(htmlTemplate, scope)), expand: false }] };
  }
  const source = own ?? stripMarkers(derived!);
  const cut = cutTemplate("plain", source, partBase, () => [], { allowTags: false });
  if (cut.whole) {
    const [part] = cut.parts;
    const finish = own !== null ? (s: string) => s.trim() : tidyText;
    return { pieces: cut.pieces, parts: [{ render: (scope) => finish(part.render(scope)), expand: false }] };
  }
  const pieces = [...cut.pieces];
  if (typeof pieces[0] === "string") pieces[0] = pieces[0].trimStart();
  const last = pieces.length - 1;
  if (typeof pieces[last] === "string") pieces[last] = (pieces[last] as string).trimEnd();
  return { pieces: mergeStatic(pieces), parts: cut.parts };
}
