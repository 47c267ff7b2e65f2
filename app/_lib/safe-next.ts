const ORIGIN = "http://herald.invalid";

/**
 * Only same-site paths may be a post-sign-in destination. The value is resolved the way a browser
 * would (which drops tabs and newlines and reads `\` as `/`), and must stay on this origin.
 */
export function safeNext(next: unknown, fallback = "/o"): string {
  if (typeof next !== "string" || !next.startsWith("/") || /[\x00-\x1f\x7f\\]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
