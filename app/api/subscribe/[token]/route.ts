import { subscribeToList } from "@/lib/audience/consent/subscribe-to-list";
import { appUrl } from "@/lib/env";
import { AppError, toErrorBody } from "@/lib/errors";
import { requestIp } from "@/lib/request-ip";

// POST /api/subscribe/<list token>: a website's own sign-up form subscribes someone to a list.
// Body: JSON or form-encoded { email, firstName?, lastName?, website? (honeypot: leave empty) }.
// 200 { ok, doubleOptIn, message } · 404 unknown list · 422 invalid input · 429 too many sign-ups.
// Any origin may post (the form lives on the customer's site), so CORS is open and cookie-less.
// A plain HTML form posted by a browser (form-encoded, Accept: text/html) is sent on with a 303 to
// the hosted page, which shows the outcome, instead of leaving the visitor looking at JSON.

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "86400",
};

const json = (body: unknown, status: number) => Response.json(body, { status, headers: CORS });

/** The first hop of X-Forwarded-For, as the proxy in front of Herald reports it. */
const callerIp = (req: Request) => requestIp(req.headers.get("x-forwarded-for"), req.headers.get("x-real-ip"));

async function readBody(req: Request): Promise<Record<string, unknown>> {
  const type = req.headers.get("content-type") ?? "";
  try {
    if (type.includes("application/json")) {
      const body: unknown = await req.json();
      if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
    } else if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
      const form = await req.formData();
      const out: Record<string, unknown> = {};
      for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v;
      return out;
    }
  } catch {
    // Falls through to the same answer as an unsupported body.
  }
  throw new AppError("BAD_REQUEST", "Send a JSON object or a form-encoded body.");
}

const isBrowserForm = (req: Request) =>
  (req.headers.get("accept") ?? "").includes("text/html") && !(req.headers.get("content-type") ?? "").includes("application/json");

/** Back to the hosted page with the outcome's code; never to a caller-chosen address. */
const toHostedPage = (token: string, outcome: string) =>
  new Response(null, { status: 303, headers: { ...CORS, Location: `${appUrl()}/s/${encodeURIComponent(token)}?outcome=${outcome}` } });

export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    const body = await readBody(req);
    const input = { ...body, firstName: body.firstName ?? body.first_name, lastName: body.lastName ?? body.last_name };
    const result = await subscribeToList(token, input, { ip: callerIp(req) });
    if (isBrowserForm(req)) return toHostedPage(token, "ok");
    const message = result.doubleOptIn ? "Check your inbox to confirm your subscription." : `You are subscribed to ${result.listName}.`;
    return json({ ok: true, doubleOptIn: result.doubleOptIn, message }, 200);
  } catch (e) {
    const { status, body } = toErrorBody(e);
    if (isBrowserForm(req) && status !== 404 && status < 500) return toHostedPage(token, body.error.code.toLowerCase());
    return json(body, status);
  }
}

export function OPTIONS() {
  return new Response(null, { status: 204, headers: CORS });
}
