import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local fake of a generic HTTP SMS gateway: `POST /send` with a JSON `{ to, from, body,
 * reference }` and `Authorization: Bearer <token>`. Answers 200 `{ id, status: "queued" }`,
 * 401 for a wrong token, 400 for a body it cannot take; can be told to fail the next calls.
 * HEAD (the connection test) answers 204 with the right token, 401 otherwise.
 */
export type GatewaySms = { to: string; from: string; body: string; reference: string; id: string };

const E164 = /^\+[1-9]\d{6,14}$/;

export async function startSmsGateway(opts: { token?: string } = {}) {
  const token = opts.token ?? "gw-secret-token";
  const received: GatewaySms[] = [];
  const failures: { status: number; times: number }[] = [];
  let n = 0;

  const answer = (res: http.ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, body !== undefined ? { "content-type": "application/json" } : {});
    res.end(body !== undefined ? JSON.stringify(body) : undefined);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.headers.authorization !== `Bearer ${token}`) return answer(res, 401, { error: "invalid token" });
      if (req.method === "HEAD") return answer(res, 204);
      if (req.method !== "POST" || req.url !== "/send") return answer(res, 404, { error: "not found" });
      const failure = failures[0];
      if (failure) {
        if (--failure.times <= 0) failures.shift();
        return answer(res, failure.status, { error: failure.status === 429 ? "slow down" : failure.status >= 500 ? "gateway down" : "refused" });
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return answer(res, 400, { error: "body is not JSON" });
      }
      const { to, from, body: text, reference } = body;
      if (typeof to !== "string" || !E164.test(to)) return answer(res, 400, { error: "to must be an E.164 number" });
      if (typeof from !== "string" || !from) return answer(res, 400, { error: "from is required" });
      if (typeof text !== "string" || !text) return answer(res, 400, { error: "body is required" });
      const id = `gw_${++n}`;
      received.push({ to, from, body: text, reference: typeof reference === "string" ? reference : "", id });
      answer(res, 200, { id, status: "queued" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${base}/send`,
    base,
    token,
    received,
    /** The next `times` POSTs answer `status` (400, 429, 500...). */
    failNext(status: number, times = 1) {
      failures.push({ status, times });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type SmsGatewayFake = Awaited<ReturnType<typeof startSmsGateway>>;
