import { compile as compileHtmlToText } from "html-to-text";

/**
 * The plain-text part, derived from the HTML. Converting each recipient's rendered HTML costs about
 * 0.1 ms, too much for a million recipients, so the HTML *template* is converted once: every Liquid
 * tag and output is swapped for a placeholder the converter leaves alone, the HTML becomes text,
 * and the placeholders are swapped back. The result is a text template rendered without escaping.
 * When the swap cannot survive the conversion (Liquid markup inside a tag's attribute list, say),
 * `deriveTextTemplate` answers null and the caller converts each rendered HTML instead.
 */

const toText = compileHtmlToText({
  wordwrap: 78,
  selectors: [
    { selector: "img", format: "skip" },
    { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
  ],
});

export const htmlToText = (html: string) => tidyText(toText(html));

/**
 * Liquid tags between block elements (`{% for %}` inside a `<ul>`) leave lines of indentation
 * only once rendered; drop those, and never leave more than one empty line.
 */
export const tidyText = (text: string) => text.replace(/^[ \t]+(?:\n|$)/gm, "").replace(/\n{3,}/g, "\n\n").trim();

const LIQUID_MARKUP = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
// Private-use characters: never in real text, never changed by the converter.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

export function deriveTextTemplate(htmlTemplate: string): string | null {
  if (htmlTemplate.includes(OPEN) || htmlTemplate.includes(CLOSE)) return null;
  const markup: string[] = [];
  const protectedHtml = htmlTemplate.replace(LIQUID_MARKUP, (m) => `${OPEN}${markup.push(m) - 1}${CLOSE}`);
  if (markup.length === 0) return htmlToText(htmlTemplate);
  const text = htmlToText(protectedHtml);
  const seen = new Set<number>();
  const restored = text.replace(PLACEHOLDER, (_m, i: string) => {
    seen.add(Number(i));
    return markup[Number(i)] ?? "";
  });
  // An output the converter dropped (a `<title>` in `<head>`) is simply not in the text; a tag it
  // dropped (an `{% if %}` among a tag's attributes) could leave the template unbalanced.
  if (markup.some((m, i) => !seen.has(i) && m.startsWith("{%"))) return null;
  return restored;
}

const PREHEADER_STYLE =
  "display:none!important;visibility:hidden;mso-hide:all;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;color:transparent";
// Padding after the preheader keeps inbox previews from running on into the body's first words.
const PREHEADER_PAD = "&#847;&zwnj;&nbsp;".repeat(40);

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The preheader as a hidden span at the top of `<body>` (or of the document when it has none). */
export function injectPreheader(html: string, preheader: string): string {
  if (!preheader.trim()) return html;
  const span = `<span class="preheader" style="${PREHEADER_STYLE}">${escapeAttr(preheader)}${PREHEADER_PAD}</span>`;
  const body = /<body\b[^>]*>/i.exec(html);
  if (!body) return span + html;
  const at = body.index + body[0].length;
  return html.slice(0, at) + span + html.slice(at);
}
