import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A local fake of the few Stripe endpoints Herald calls, answering with Stripe's documented
 * shapes: customers, Checkout and portal sessions, subscriptions (list, retrieve, update) and
 * billing meter events. Requests arrive form-encoded, as the `stripe` client sends them.
 * Tests set subscription state directly (`setSubscription`) the way Stripe would have it, and
 * sign webhook payloads with `signedEvent`.
 */
export type FakeSubscription = {
  id: string;
  customer: string;
  status: string;
  price: string;
  created?: number;
  cancelAtPeriodEnd?: boolean;
  periodStart?: number;
  periodEnd?: number;
};

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

function subscriptionObject(s: FakeSubscription) {
  const start = s.periodStart ?? now() - 86_400;
  const end = s.periodEnd ?? start + 30 * 86_400;
  return {
    id: s.id,
    object: "subscription",
    customer: s.customer,
    status: s.status,
    created: s.created ?? start,
    cancel_at_period_end: Boolean(s.cancelAtPeriodEnd),
    livemode: false,
    metadata: {},
    items: {
      object: "list",
      has_more: false,
      url: `/v1/subscription_items?subscription=${s.id}`,
      data: [{ id: `si_${s.id.slice(4)}`, object: "subscription_item", price: { id: s.price, object: "price" }, quantity: 1, current_period_start: start, current_period_end: end }],
    },
  };
}

export type StripeFakeOptions = {
  /** Fixed port (the Playwright run starts the fake before the app, which must know it). */
  port?: number;
  /**
   * Serve a stand-in for Stripe's hosted Checkout page: opening the session URL completes the
   * payment as Stripe would (an active subscription, a signed `checkout.session.completed`
   * delivered to `webhook.url`) and redirects to the session's success URL.
   */
  webhook?: { url: string; secret: string };
};

export async function startStripeFake(opts: StripeFakeOptions = {}) {
  const customers = new Map<string, { id: string; name?: string; metadata: Record<string, string> }>();
  const subscriptions = new Map<string, FakeSubscription>();
  const checkoutSessions: Record<string, string>[] = [];
  const portalSessions: Record<string, string>[] = [];
  const meterEvents = new Map<string, { event_name: string; identifier: string; value: number; customer: string }>();
  const meterCalls: string[] = [];
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const failures: { path: RegExp; times: number }[] = [];
  const requests: { method: string; path: string }[] = [];

  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "request-id": id("req") });
    res.end(JSON.stringify(body));
  };
  const error = (status: number, message: string, code?: string) => ({ status, body: { error: { type: "invalid_request_error", message, ...(code ? { code } : {}) } } });

  function route(method: string, path: string, form: URLSearchParams, query: URLSearchParams): { status: number; body: unknown } {
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/customers") {
      const c = { id: id("cus"), object: "customer", name: form.get("name") ?? undefined, email: form.get("email"), metadata: { orgId: form.get("metadata[orgId]") ?? "" } };
      customers.set(c.id, c);
      return { status: 200, body: c };
    }
    if (method === "GET" && (m = path.match(/^\/v1\/customers\/([^/]+)$/))) {
      const c = customers.get(m[1]);
      return c ? { status: 200, body: { object: "customer", ...c } } : error(404, `No such customer: '${m[1]}'`, "resource_missing");
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const customer = form.get("customer") ?? "";
      if (!customers.has(customer)) return error(400, `No such customer: '${customer}'`, "resource_missing");
      const s = { id: id("cs_test"), object: "checkout.session", mode: form.get("mode") ?? "", customer, price: form.get("line_items[0][price]") ?? "", client_reference_id: form.get("client_reference_id") ?? "", success_url: form.get("success_url") ?? "" };
      checkoutSessions.push(s);
      const url = opts.webhook ? `http://127.0.0.1:${port}/c/pay/${s.id}` : `https://checkout.stripe.test/c/pay/${s.id}`;
      return { status: 200, body: { ...s, url, status: "open" } };
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      const s = { id: id("bps"), object: "billing_portal.session", customer: form.get("customer") ?? "", return_url: form.get("return_url") ?? "" };
      portalSessions.push(s);
      return { status: 200, body: { ...s, url: `https://billing.stripe.test/p/session/${s.id}` } };
    }
    if (method === "GET" && path === "/v1/subscriptions") {
      const customer = query.get("customer");
      const status = query.get("status");
      const data = [...subscriptions.values()]
        .filter((s) => !customer || s.customer === customer)
        .filter((s) => status === "all" || (status ? s.status === status : s.status !== "canceled"))
        .sort((a, b) => (b.created ?? 0) - (a.created ?? 0))
        .map(subscriptionObject);
      return { status: 200, body: { object: "list", data, has_more: false, url: "/v1/subscriptions" } };
    }
    if ((m = path.match(/^\/v1\/subscriptions\/([^/]+)$/))) {
      const s = subscriptions.get(m[1]);
      if (!s) return error(404, `No such subscription: '${m[1]}'`, "resource_missing");
      if (method === "POST" && form.has("cancel_at_period_end")) s.cancelAtPeriodEnd = form.get("cancel_at_period_end") === "true";
      return { status: 200, body: subscriptionObject(s) };
    }
    if (method === "POST" && path === "/v1/billing/meter_events") {
      const identifier = form.get("identifier") ?? id("mev");
      meterCalls.push(identifier);
      // Stripe enforces identifier uniqueness: a repeat is not counted again.
      if (!meterEvents.has(identifier)) {
        meterEvents.set(identifier, {
          event_name: form.get("event_name") ?? "",
          identifier,
          value: Number(form.get("payload[value]")),
          customer: form.get("payload[stripe_customer_id]") ?? "",
        });
      }
      const e = meterEvents.get(identifier)!;
      return {
        status: 200,
        body: { object: "billing.meter_event", created: now(), event_name: e.event_name, identifier, livemode: false, payload: { value: String(e.value), stripe_customer_id: e.customer }, timestamp: now() },
      };
    }
    return error(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  /** The hosted Checkout stand-in: pay, tell Herald through its webhook, go back to Herald. */
  async function completeCheckout(sessionId: string, res: http.ServerResponse) {
    const session = checkoutSessions.find((c) => c.id === sessionId);
    if (!session || !opts.webhook) return answer(res, 404, { error: { message: "No such checkout session" } });
    const sub = { id: id("sub"), customer: session.customer, status: "active", price: session.price, created: now() };
    subscriptions.set(sub.id, sub);
    const event = signedEvent(opts.webhook.secret, "checkout.session.completed", {
      id: session.id,
      object: "checkout.session",
      mode: "subscription",
      status: "complete",
      customer: session.customer,
      subscription: sub.id,
      client_reference_id: session.client_reference_id,
    });
    const delivered = await fetch(opts.webhook.url, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": event.header }, body: event.body });
    if (!delivered.ok) return answer(res, 502, { error: { message: `Webhook delivery answered ${delivered.status}` } });
    res.writeHead(303, { location: session.success_url });
    res.end();
  }

  const server = http.createServer((req, res) => {
    if (req.url === "/health") return answer(res, 200, { ok: true });
    const pay = req.method === "GET" ? req.url?.match(/^\/c\/pay\/([\w-]+)/) : null;
    if (pay) {
      completeCheckout(pay[1], res).catch((e) => answer(res, 500, { error: { message: String(e) } }));
      return;
    }
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const method = req.method ?? "GET";
      requests.push({ method, path: url.pathname });
      const fail = failures.find((f) => f.path.test(url.pathname) && f.times > 0);
      if (fail) {
        fail.times--;
        return answer(res, 500, { error: { type: "api_error", message: "Fake failure" } });
      }
      if (!/^Bearer sk_/.test(req.headers.authorization ?? "")) return answer(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
      const key = req.headers["idempotency-key"];
      const cacheKey = typeof key === "string" && method === "POST" ? `${url.pathname}:${key}` : null;
      if (cacheKey && idempotent.has(cacheKey)) {
        const hit = idempotent.get(cacheKey)!;
        return answer(res, hit.status, hit.body);
      }
      const out = route(method, url.pathname, new URLSearchParams(raw), url.searchParams);
      if (cacheKey && out.status < 500) idempotent.set(cacheKey, out);
      answer(res, out.status, out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    env: { STRIPE_SECRET_KEY: "sk_test_fake", STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: String(port), STRIPE_API_PROTOCOL: "http" },
    customers,
    subscriptions,
    checkoutSessions,
    portalSessions,
    meterEvents,
    meterCalls,
    requests,
    setSubscription(s: FakeSubscription) {
      subscriptions.set(s.id, { created: now(), ...subscriptions.get(s.id), ...s });
      return subscriptions.get(s.id)!;
    },
    /** The next `times` requests to a matching path answer 500. */
    fail(path: RegExp, times = 1) {
      failures.push({ path, times });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type StripeFake = Awaited<ReturnType<typeof startStripeFake>>;

/** A webhook delivery as Stripe sends it: the JSON body and its `Stripe-Signature` header. */
export function signedEvent(secret: string, type: string, object: Record<string, unknown>, opts: { id?: string; timestamp?: number } = {}) {
  const body = JSON.stringify({
    id: opts.id ?? id("evt"),
    object: "event",
    api_version: "2026-10-28.endive",
    created: now(),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  });
  const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: opts.timestamp });
  return { body, header };
}

export const subscriptionEventObject = (s: FakeSubscription) => subscriptionObject(s);
