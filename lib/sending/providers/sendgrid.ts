import { Client } from "@sendgrid/client";
import type { ClientRequest } from "@sendgrid/client/src/request";
import { errorText, mapLimit } from "./map-limit";
import { planMailSend, type MailSendBody } from "./sendgrid-payload";
import { failure, type ConnectionTestResult, type EmailProvider, type OutgoingEmail, type ProviderFailure, type ProviderResult } from "./types";

/** Calls of one batch in flight at once: distinct bodies need one call each. */
const PARALLEL_CALLS = 4;
const TIMEOUT_MS = 30_000;

type SendgridError = { code?: number; message?: string; response?: { body?: unknown } };

/** SendGrid's `{ errors: [{ message, field }] }` as one line, else the HTTP status text. */
function describe(e: SendgridError): string {
  const body = e.response?.body as { errors?: { message?: string; field?: string | null }[] } | undefined;
  const messages = body?.errors?.map((x) => (x.field ? `${x.message} (${x.field})` : x.message)).filter(Boolean);
  if (messages?.length) return messages.join("; ");
  return errorText(e.message || e);
}

/**
 * 429 and 5xx: SendGrid did not take the mail, try again. Any other 4xx: the request itself is
 * wrong (bad key, refused sender, invalid field) and will be refused again. No answer at all
 * (refused connection, timeout) is retried too; that is where a mail SendGrid accepted but whose
 * answer was lost can go out twice, bounded by the dispatch step's attempt limit.
 */
export function classifySendgridError(e: unknown): ProviderFailure {
  const err = e as SendgridError;
  const status = typeof err.code === "number" && err.code >= 100 ? err.code : undefined;
  if (status === undefined) return failure(`SendGrid could not be reached: ${errorText(e)}`, true);
  const retryable = status === 429 || status >= 500;
  return failure(`SendGrid answered ${status}: ${describe(err)}`, retryable, status);
}

/**
 * SendGrid v3 Mail Send, batch-first: a batch becomes as few calls as possible (see
 * planMailSend), each with up to 1,000 personalizations. Herald's message id rides in
 * `custom_args.herald_message_id`, which SendGrid echoes in every webhook event; the
 * `X-Message-Id` of the call is the provider id of each of its messages (SendGrid's per-recipient
 * `sg_message_id` starts with it). `baseUrl` points the client at a local fake in tests.
 */
export function sendgridProvider(apiKey: string, baseUrl?: string): EmailProvider {
  const http = new Client();
  http.setApiKey(apiKey);
  if (baseUrl) http.setDefaultRequest("baseUrl", baseUrl);
  // axios (under the client) waits forever by default; a hung call would hold the sender's batch.
  http.setDefaultRequest("timeout" as keyof ClientRequest, TIMEOUT_MS as never);

  async function call(body: MailSendBody, size: number): Promise<ProviderResult[]> {
    try {
      const [res] = await http.request({ method: "POST", url: "/v3/mail/send", body });
      const id = res.headers["x-message-id"];
      const providerMessageId = typeof id === "string" ? id : "";
      return Array.from({ length: size }, () => ({ ok: true, providerMessageId }));
    } catch (e) {
      const result = classifySendgridError(e);
      return Array.from({ length: size }, () => result);
    }
  }

  async function sendBatch(messages: OutgoingEmail[]): Promise<ProviderResult[]> {
    const out = new Array<ProviderResult>(messages.length);
    const { requests, refused } = planMailSend(messages);
    for (const r of refused) out[r.index] = failure(r.error, false);
    await mapLimit(requests, PARALLEL_CALLS, async (req) => {
      const results = await call(req.body, req.indexes.length);
      req.indexes.forEach((index, i) => (out[index] = results[i]));
    });
    return out;
  }

  return {
    kind: "sendgrid",
    channel: "email",
    sendBatch,
    send: async (message) => (await sendBatch([message]))[0],
    async test(): Promise<ConnectionTestResult> {
      try {
        // Any key may read its own scopes: proves the key is live without sending anything.
        const [, body] = await http.request({ method: "GET", url: "/v3/scopes" });
        const scopes = (body as { scopes?: string[] } | undefined)?.scopes ?? [];
        if (!scopes.includes("mail.send")) return { ok: false, error: "This API key is valid but lacks the mail.send permission." };
        return { ok: true };
      } catch (e) {
        return { ok: false, error: classifySendgridError(e).error };
      }
    },
    close: async () => {},
  };
}
