import { peekClick, trackClick } from "@/lib/tracking/track-hit";
import { notFoundResponse, redirectResponse, unavailableResponse } from "@/lib/tracking/web-responses";

// GET /t/c/<token>: records the click, then 302 to the link stored for that message's campaign
// at launch (never to anything the token or query names); 404 for a token that does not
// verify, a message that no longer exists or a link index the campaign does not have. HEAD
// (link checkers): where it would go, nothing recorded. With server.ts running these requests
// never get here (lib/tracking/http-handler.ts answers them); same logic for deployments without it.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };

export async function GET(req: Request, { params }: Ctx) {
  const { token } = await params;
  try {
    const location = await trackClick(token, req.headers.get("user-agent"));
    return location ? redirectResponse(location) : notFoundResponse();
  } catch (e) {
    return unavailableResponse(e);
  }
}

export async function HEAD(_req: Request, { params }: Ctx) {
  const { token } = await params;
  try {
    const location = await peekClick(token);
    return location ? redirectResponse(location) : notFoundResponse(false);
  } catch (e) {
    return unavailableResponse(e);
  }
}
