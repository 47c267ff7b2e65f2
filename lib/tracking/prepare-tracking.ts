import { Parser } from "htmlparser2";
import { clickUrl, openPixelUrl } from "./tracking-token";

/** A place in the HTML that differs per message: a click address (by link index) or the open pixel. */
export type TrackingSlot = { kind: "click"; linkIndex: number } | { kind: "open" };

/**
 * One campaign's HTML, parsed once: the text between the slots, and the original target of
 * each link index in order of first appearance. Rendering a message is then string joins and
 * one HMAC per link, not a parse, which is what lets dispatch keep up thousands per second.
 */
export type PreparedTracking = {
  links: string[];
  /** The HTML with each slot filled by `fill`: placeholders for a provider's substitutions, say. */
  fill(fill: (slot: TrackingSlot) => string): string;
  /** The HTML for one message: every slot as that message's signed address. */
  render(messageId: number): string;
};

/** Marks a link Herald must leave alone (`<a href="..." data-herald-no-track>`). */
export const NO_TRACK_ATTRIBUTE = "data-herald-no-track";

type Edit = { start: number; end: number; slot: TrackingSlot };
type OpenAnchor = { href?: string; hrefStart: number; hrefEnd: number; noTrack: boolean };

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/**
 * Prepares HTML for click tracking and the open pixel (at send time, after merge tags).
 *
 * Every `<a href>` whose target is an http(s) URL becomes `<base>/t/c/<token>`; the token holds
 * only the message id and a link index into `links`, which the pipeline stores, so a click
 * redirects to the stored original and never to anything a token could name. Left as they
 * are: `mailto:`, `tel:`, `#anchors` and any other scheme or relative address, links marked
 * `data-herald-no-track`, and Herald's own unsubscribe (`<base>/u/`), preference (`<base>/p/`)
 * and tracking (`<base>/t/`) links, so unsubscribing never depends on the click redirect.
 *
 * The same URL twice gets ONE index: `links` lists distinct targets, so clicks count per
 * destination however many times the e-mail repeats it (a logo and a button to the same page).
 *
 * htmlparser2 finds the tags (it skips comments, scripts and styles, and reads every quoting
 * style and letter case); only the `href` attributes it reports are replaced, by their exact
 * source positions, so the rest of the HTML comes out byte for byte as it went in. `links`
 * holds the decoded URL (`&amp;` read as `&`), which is what a browser would have opened.
 */
export function prepareTracking(html: string, baseUrl: string): PreparedTracking {
  const base = baseUrl.replace(/\/+$/, "");
  const ownPrefixes = ["/u/", "/p/", "/t/"].map((p) => `${base}${p}`.toLowerCase());
  const trackable = (url: string) => /^https?:\/\//i.test(url) && !ownPrefixes.some((p) => url.toLowerCase().startsWith(p));

  const links: string[] = [];
  const indexOf = new Map<string, number>();
  const edits: Edit[] = [];
  let anchor: OpenAnchor | null = null;
  let bodyClose = -1;

  const parser: Parser = new Parser(
    {
      onopentagname(name) {
        anchor = name === "a" ? { hrefStart: -1, hrefEnd: -1, noTrack: false } : null;
      },
      onattribute(name, value) {
        if (!anchor) return;
        // Browsers follow the first href when a tag repeats it; so does Herald.
        if (name === "href" && anchor.href === undefined) {
          anchor.href = value;
          anchor.hrefStart = parser.startIndex;
          anchor.hrefEnd = parser.endIndex;
        } else if (name === NO_TRACK_ATTRIBUTE) {
          anchor.noTrack = true;
        }
      },
      onopentag() {
        const a: OpenAnchor | null = anchor;
        anchor = null;
        if (!a || a.noTrack || a.href === undefined) return;
        const url = a.href.trim();
        if (!trackable(url)) return;
        let index = indexOf.get(url);
        if (index === undefined) {
          index = links.push(url) - 1;
          indexOf.set(url, index);
        }
        edits.push({ start: a.hrefStart, end: a.hrefEnd, slot: { kind: "click", linkIndex: index } });
      },
      onclosetag(name, isImplied) {
        if (name === "body" && !isImplied) bodyClose = parser.startIndex;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);

  const pixelAt = bodyClose >= 0 ? bodyClose : html.length;
  edits.push({ start: pixelAt, end: pixelAt, slot: { kind: "open" } });
  edits.sort((a, b) => a.start - b.start);

  // Static text around the slots: chunks[i], slot i, chunks[i + 1], ...
  const chunks: string[] = [];
  let at = 0;
  for (const edit of edits) {
    chunks.push(html.slice(at, edit.start));
    at = edit.end;
  }
  chunks.push(html.slice(at));
  const slots = edits.map((e) => e.slot);

  const fill = (fillSlot: (slot: TrackingSlot) => string) => {
    let out = chunks[0];
    for (let i = 0; i < slots.length; i++) out += fillSlot(slots[i]) + chunks[i + 1];
    return out;
  };
  const render = (messageId: number) => {
    // A URL repeated in the e-mail shares its index, so sign each index once.
    const signed = new Map<number, string>();
    return fill((slot) => {
      if (slot.kind === "open") {
        return `<img src="${escapeAttribute(openPixelUrl(base, messageId))}" width="1" height="1" alt="" style="display:block;border:0">`;
      }
      let href = signed.get(slot.linkIndex);
      if (href === undefined) {
        href = `href="${escapeAttribute(clickUrl(base, messageId, slot.linkIndex))}"`;
        signed.set(slot.linkIndex, href);
      }
      return href;
    });
  };
  return { links, fill, render };
}
