import { ensureDb } from "@/db";
import { isAppError } from "@/lib/errors";
import { unsubscribeByMessage } from "@/lib/messages/unsubscribe-message";
import { NOT_FOUND_HEADERS, NOT_FOUND_HTML } from "./track-hit";
import { verifyToken } from "./tracking-token";

export type PlainAnswer = { status: number; headers: Record<string, string>; body: string };

/** Query flag the `/u/<token>` page's own form adds: its POST ends on the page, not on plain text. */
export const FROM_PAGE_PARAM = "from";
export const FROM_PAGE_VALUE = "page";

/**
 * POST /u/<token>: unsubscribes. Two callers, one URL:
 * - a mail client's RFC 8058 one-click POST (`List-Unsubscribe=One-Click`, form-encoded or
 *   multipart, no cookies): answered 200 with a line of text, as soon as it is committed. The
 *   body is not required: the signed token is the authority, and whoever holds it may stop mail.
 * - the page's own form (`?from=page`): a 303 back to the page, which then says it is done, so a
 *   reload never posts twice.
 * Shared by the lean handler in server.ts and the Next route behind proxy.ts.
 */
export async function unsubscribePost(token: string, fromPage: boolean): Promise<PlainAnswer> {
  const claims = verifyToken(token, "unsub");
  if (!claims) return { status: 404, headers: { ...NOT_FOUND_HEADERS }, body: NOT_FOUND_HTML };
  try {
    await ensureDb();
    await unsubscribeByMessage(claims.messageId, fromPage ? "unsubscribe-page" : "one-click");
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return { status: 404, headers: { ...NOT_FOUND_HEADERS }, body: NOT_FOUND_HTML };
    throw e;
  }
  if (fromPage) return { status: 303, headers: { Location: `/u/${token}?done=1`, "Cache-Control": "no-store" }, body: "" };
  return { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }, body: "You are unsubscribed.\n" };
}
