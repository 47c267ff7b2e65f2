import { sql } from "drizzle-orm";
import { ensureDb, query } from "@/db";
import { hitRecorder, type HitRecorder } from "./hit-recorder";
import { verifyToken } from "./tracking-token";
import { userAgentClass } from "./user-agent-class";

/**
 * The logic of `/t/o/<token>` and `/t/c/<token>`, shared by the lean handler in server.ts
 * (lib/tracking/http-handler.ts) and the Next route handlers (app/t/*) so both answer alike.
 * A token that does not verify, names another kind, or names a message or link that does not
 * exist gets a 404 and nothing is recorded; a click never goes anywhere but the stored link.
 */

/** Records an open. False: answer 404. */
export async function trackOpen(token: string, userAgent: string | null | undefined, recorder: HitRecorder = hitRecorder()): Promise<boolean> {
  const claims = verifyToken(token, "open");
  if (!claims) return false;
  const r = await recorder.record({ kind: "open", messageId: claims.messageId, agent: userAgentClass(userAgent) });
  return r.applied;
}

/** Records a click; the address to redirect to, or null: answer 404. */
export async function trackClick(token: string, userAgent: string | null | undefined, recorder: HitRecorder = hitRecorder()): Promise<string | null> {
  const claims = verifyToken(token, "click");
  if (!claims) return null;
  const r = await recorder.record({ kind: "click", messageId: claims.messageId, linkIndex: claims.linkIndex, agent: userAgentClass(userAgent) });
  return r.applied && r.url ? redirectTarget(r.url) : null;
}

/** HEAD of a pixel: checks the token only, records nothing (a HEAD fetches no image). */
export const isOpenToken = (token: string) => verifyToken(token, "open") !== null;

/**
 * HEAD of a click (link checkers, previews): where it would go, recording nothing. A read, so a
 * scanner that probes every link does not count as a click.
 */
export async function peekClick(token: string): Promise<string | null> {
  const claims = verifyToken(token, "click");
  if (!claims) return null;
  await ensureDb();
  const [row] = await query<{ url: string | null }>(
    sql`SELECT c.links ->> ${claims.linkIndex!}::int AS url
        FROM messages m JOIN campaigns c ON c.id = m.campaign_id
        WHERE m.id = ${claims.messageId}`,
  );
  return row?.url ? redirectTarget(row.url) : null;
}

/**
 * The stored link as a `Location` value: an absolute http(s) URL, serialised by the URL parser
 * (non-ASCII percent-encoded, no control characters), or null if it is not one. prepareTracking
 * only stores http(s) links; this is the second lock on the door against an open redirect.
 */
export function redirectTarget(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** The answer to a bad tracking link that a person may see (a click): short, and says nothing. */
export const NOT_FOUND_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Link not valid</title></head>' +
  '<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#0f172a">' +
  "<h1 style=\"font-size:1.25rem\">This link is not valid</h1><p>It may have been copied incompletely. Use the link in the newest e-mail you received.</p></body></html>";

export const NOT_FOUND_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex",
};

/** The click's redirect: never cached (each click is counted), and no referrer carries the token on. */
export const redirectHeaders = (location: string): Record<string, string> => ({
  Location: location,
  "Cache-Control": "no-store, private",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
});
