import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { meterApiRequest } from "@/lib/billing/meter-api-request";
import { AppError, toErrorBody } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { hitRateLimit } from "@/lib/rate-limit/hit-rate-limit";

/** Requests per key per window; a key's integration backs off on 429 and Retry-After. */
export const API_RATE_LIMIT = 600;
export const API_RATE_WINDOW_SECONDS = 60;
export const apiRateLimitKey = (keyId: string) => `api:${keyId}`;

export type ApiContext = {
  orgId: string;
  keyId: string;
  request: Request;
  /**
   * The key acting as a member of its org, for lib operations that take an Actor. `userId` is the
   * key's creator (the key's own id if that user is gone): reads only, so it is never audited as them.
   */
  actor: Actor;
};

type RouteContext<P> = { params: Promise<P> };

/** The error envelope every API answer uses: `{ error: { code, message, fields } }`. */
export function apiError(e: unknown, headers?: HeadersInit): Response {
  const { status, body } = toErrorBody(e);
  return Response.json({ error: { ...body.error, fields: body.error.fields ?? {} } }, { status, headers });
}

function bearer(request: Request): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return m ? m[1] : null;
}

/**
 * The one wrapper for /api/v1 route handlers: API key -> org, per-key rate limit, metering, error
 * envelope. Every authenticated request that passes the rate limit is metered as `endpoint`
 * ("GET /v1/usage") before the handler runs, so one that then fails validation or finds nothing
 * is counted too; a refused (401/429) request did no work and is not billed. The handler returns
 * a plain object (sent as JSON, 200) or its own Response.
 */
export function withApi<P = Record<string, never>>(
  endpoint: string,
  handler: (ctx: ApiContext & { params: P }) => Promise<Response | object>,
) {
  return async (request: Request, route?: RouteContext<P>): Promise<Response> => {
    try {
      const token = bearer(request);
      if (!token) throw new AppError("UNAUTHENTICATED", "Send an API key as `Authorization: Bearer hk_...`.");
      const key = await authenticateApiKey(token);
      if (!key) throw new AppError("UNAUTHENTICATED", "That API key is not valid or has been revoked.");

      const limit = await hitRateLimit(apiRateLimitKey(key.keyId), API_RATE_LIMIT, API_RATE_WINDOW_SECONDS);
      if (!limit.allowed) {
        const retryAfter = Math.max(1, Math.ceil((limit.resetAt.getTime() - Date.now()) / 1000));
        return apiError(new AppError("RATE_LIMITED", `Too many requests for this API key. Try again in ${retryAfter} seconds.`), { "Retry-After": String(retryAfter) });
      }

      meterApiRequest(key.orgId, endpoint);
      const actor: Actor = { userId: key.createdById ?? key.keyId, orgId: key.orgId, role: "member" };
      const params = (route ? await route.params : {}) as P;
      const result = await handler({ orgId: key.orgId, keyId: key.keyId, request, actor, params });
      return result instanceof Response ? result : Response.json(result);
    } catch (e) {
      // RFC 6750: a 401 names the scheme the client should use.
      return apiError(e, e instanceof AppError && e.code === "UNAUTHENTICATED" ? { "WWW-Authenticate": 'Bearer realm="herald"' } : undefined);
    }
  };
}
