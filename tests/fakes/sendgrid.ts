import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local fake of SendGrid's v3 API: `POST /v3/mail/send` validates the body the way SendGrid
 * documents it (personalizations 1..1000 each with 1+ valid `to`; `from.email`; a subject at the
 * top or in every personalization; `content` with text/plain before text/html, or a
 * `template_id`) and answers 202 with `X-Message-Id`, or 400 with `{ errors: [{ message, field }] }`.
 * `GET /v3/scopes` answers the key's scopes. Tests can make the next calls fail (400, 429, 500)
 * and read what was sent, per request or per recipient with substitutions applied.
 */
type Json = Record<string, unknown>;
type Personalization = { to: { email: string; name?: string }[]; subject?: string; headers?: Record<string, string>; custom_args?: Record<string, string>; substitutions?: Record<string, string> };
export type MailSendRequest = {
  personalizations: Personalization[];
  from: { email: string; name?: string };
  reply_to?: { email: string };
  subject?: string;
  content?: { type: string; value: string }[];
  template_id?: string;
  headers?: Record<string, string>;
  custom_args?: Record<string, string>;
};
export type Delivered = { to: string; from: string; subject: string; text?: string; html?: string; headers: Record<string, string>; customArgs: Record<string, string>; xMessageId: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isStringMap = (v: unknown) => v === undefined || (typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string"));

/** The first problem SendGrid would report for this body, or null. */
export function validateMailSend(body: Json): { message: string; field: string } | null {
  const ps = body.personalizations;
  if (!Array.isArray(ps) || ps.length === 0) return { field: "personalizations", message: "The personalizations field is required and must have at least one personalization." };
  if (ps.length > 1000) return { field: "personalizations", message: "The personalizations field must have at most 1000 personalizations." };
  const from = body.from as Json | undefined;
  if (!from || typeof from.email !== "string" || !EMAIL.test(from.email)) return { field: "from.email", message: "The from object must be provided for every email send. It is an object that requires the email parameter." };
  const hasTopSubject = typeof body.subject === "string" && body.subject.length > 0;
  for (const [i, p] of (ps as Json[]).entries()) {
    const to = p.to;
    if (!Array.isArray(to) || to.length === 0) return { field: `personalizations.${i}.to`, message: "The to array is required for all personalization objects, and must have at least one email object with a valid email address." };
    for (const r of to as Json[]) if (typeof r?.email !== "string" || !EMAIL.test(r.email)) return { field: `personalizations.${i}.to`, message: "Does not contain a valid address." };
    if (!hasTopSubject && !body.template_id && !(typeof p.subject === "string" && p.subject.length > 0)) return { field: "subject", message: "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined." };
    for (const k of ["headers", "custom_args", "substitutions"]) if (!isStringMap(p[k])) return { field: `personalizations.${i}.${k}`, message: `${k} values must be strings.` };
  }
  if (body.template_id === undefined) {
    const content = body.content;
    if (!Array.isArray(content) || content.length === 0) return { field: "content", message: "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block." };
    for (const [i, c] of (content as Json[]).entries()) {
      if (typeof c?.type !== "string" || typeof c.value !== "string" || c.value.length === 0) return { field: `content.${i}`, message: "The content value must be a string at least one character in length." };
    }
    const types = (content as Json[]).map((c) => c.type);
    if (types.includes("text/plain") && types[0] !== "text/plain") return { field: "content.0.type", message: "If present, text/plain content must be first, followed by any other content." };
    const html = types.indexOf("text/html");
    if (html !== -1 && types.slice(html + 1).includes("text/plain")) return { field: "content", message: "If present, text/plain and text/html may only be provided once." };
  }
  return null;
}

const substitute = (s: string | undefined, values: Record<string, string> = {}) => {
  if (s === undefined) return s;
  let out = s;
  for (const [k, v] of Object.entries(values)) out = out.split(k).join(v);
  return out;
};

export async function startSendgridFake(opts: { apiKey?: string; scopes?: string[] } = {}) {
  const requests: { authorization?: string; body: MailSendRequest; xMessageId: string }[] = [];
  const failures: { status: number; times: number; message?: string }[] = [];
  let scopeCalls = 0;

  const answer = (res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers });
    res.end(body !== undefined ? JSON.stringify(body) : undefined);
  };
  const errors = (message: string, field: string | null = null) => ({ errors: [{ message, field, help: null }] });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const auth = req.headers.authorization;
      const key = auth?.startsWith("Bearer ") ? auth.slice(7) : "";
      if (!key || (opts.apiKey && key !== opts.apiKey)) return answer(res, 401, errors("The provided authorization grant is invalid, expired, or revoked"));
      if (req.method === "GET" && req.url === "/v3/scopes") {
        scopeCalls++;
        return answer(res, 200, { scopes: opts.scopes ?? ["mail.send", "user.account.read"] });
      }
      if (req.method !== "POST" || req.url !== "/v3/mail/send") return answer(res, 404, errors("Not found"));
      const failure = failures[0];
      if (failure) {
        if (--failure.times <= 0) failures.shift();
        return answer(res, failure.status, errors(failure.message ?? (failure.status === 429 ? "Too many requests" : failure.status >= 500 ? "Internal server error" : "Bad request"), failure.status === 400 ? "from.email" : null));
      }
      let body: Json;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json;
      } catch {
        return answer(res, 400, errors("Bad Request: the body is not valid JSON."));
      }
      const problem = validateMailSend(body);
      if (problem) return answer(res, 400, errors(problem.message, problem.field));
      const xMessageId = randomBytes(16).toString("base64url");
      requests.push({ authorization: auth, body: body as unknown as MailSendRequest, xMessageId });
      answer(res, 202, undefined, { "x-message-id": xMessageId });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    get scopeCalls() {
      return scopeCalls;
    },
    /** The next `times` Mail Send calls answer `status` (400, 429, 500...) instead of 202. */
    failNext(status: number, times = 1, message?: string) {
      failures.push({ status, times, message });
    },
    /** Every accepted recipient as SendGrid would deliver it: substitutions applied. */
    delivered(): Delivered[] {
      return requests.flatMap(({ body, xMessageId }) =>
        body.personalizations.flatMap((p) =>
          p.to.map((r) => ({
            to: r.email,
            from: body.from.email,
            subject: substitute(p.subject ?? body.subject, p.substitutions) ?? "",
            text: substitute(body.content?.find((c) => c.type === "text/plain")?.value, p.substitutions),
            html: substitute(body.content?.find((c) => c.type === "text/html")?.value, p.substitutions),
            headers: { ...body.headers, ...p.headers },
            customArgs: { ...body.custom_args, ...p.custom_args },
            xMessageId,
          })),
        ),
      );
    },
    reset() {
      requests.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets of the client would hold close() open.
        server.closeAllConnections();
      }),
  };
}

export type SendgridFake = Awaited<ReturnType<typeof startSendgridFake>>;
