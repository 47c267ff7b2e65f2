import { prepareTracking } from "./prepare-tracking";

export type RewriteOptions = { messageId: number; baseUrl: string };

/** The rewritten HTML, and the original target of each link index (see prepare-tracking.ts). */
export type RewriteResult = { html: string; links: string[] };

/**
 * One message's HTML with every trackable `<a href>` wrapped as `<baseUrl>/t/c/<token>`
 * (`links[i]` is the original URL of link index i, one index per distinct URL) and the open
 * pixel `<img src="<baseUrl>/t/o/<token>" ...>` put before `</body>`, or at the end when there
 * is none. Untouched: mailto:, tel:, #anchors, relative addresses, `data-herald-no-track`
 * links, and Herald's own `/u/`, `/p/` and `/t/` links under `baseUrl`.
 *
 * For a campaign, parse once with `prepareTracking` and `render` each message instead.
 */
export function rewriteLinks(html: string, options: RewriteOptions): RewriteResult {
  const prepared = prepareTracking(html, options.baseUrl);
  return { html: prepared.render(options.messageId), links: prepared.links };
}
