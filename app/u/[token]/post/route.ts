import { FROM_PAGE_PARAM, FROM_PAGE_VALUE, unsubscribePost } from "@/lib/tracking/unsubscribe-post";
import { answerResponse, unavailableResponse } from "@/lib/tracking/web-responses";

// POST /u/<token> lands here through proxy.ts's rewrite when server.ts is not running (a page
// and a route handler cannot share a path; the page shows the confirmation on GET). Unsubscribes
// the message's recipient: 200 for a mail client's RFC 8058 one-click POST, 303 back to the page
// for the page's own form (`?from=page`), 404 for a bad token. No cookies, no session: the
// signed token is the authority. Same logic as the lean handler (lib/tracking/unsubscribe-post.ts).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const fromPage = new URL(req.url).searchParams.get(FROM_PAGE_PARAM) === FROM_PAGE_VALUE;
  try {
    // Read the body to its end (its content does not matter: see unsubscribe-post.ts).
    await req.arrayBuffer().catch(() => undefined);
    return answerResponse(await unsubscribePost(token, fromPage));
  } catch (e) {
    return unavailableResponse(e);
  }
}
