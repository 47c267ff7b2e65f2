import { isOpenToken, trackOpen } from "@/lib/tracking/track-hit";
import { notFoundResponse, pixelResponse, unavailableResponse } from "@/lib/tracking/web-responses";

// GET /t/o/<token>: records the open, then answers the 43-byte GIF (never cached); 404 for a
// token that does not verify or a message that no longer exists. HEAD: the headers only,
// nothing recorded. With server.ts running these requests never get here (the lean handler in
// lib/tracking/http-handler.ts answers them); this is the same logic for deployments without it.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };

export async function GET(req: Request, { params }: Ctx) {
  const { token } = await params;
  try {
    return (await trackOpen(token, req.headers.get("user-agent"))) ? pixelResponse() : notFoundResponse();
  } catch (e) {
    return unavailableResponse(e);
  }
}

export async function HEAD(_req: Request, { params }: Ctx) {
  const { token } = await params;
  return isOpenToken(token) ? pixelResponse(false) : notFoundResponse(false);
}
