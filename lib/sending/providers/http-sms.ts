import { errorText, mapLimit } from "./map-limit";
import { failure, type ConnectionTestResult, type OutgoingSms, type ProviderResult, type SmsProvider } from "./types";
import { assertPublicDestination } from "@/lib/sending/network-guard";

export type HttpSmsSettings = {
  url: string;
  token: string;
  /** How "test connection" checks the gateway: a HEAD to the URL, or nothing (gateways that answer HEAD badly). */
  verify?: "head" | "none";
};

/** Messages of a batch in flight at once: the gateway takes one POST per message. */
const PARALLEL = 8;
const TIMEOUT_MS = 15_000;

async function reason(res: Response): Promise<string> {
  const raw = await res.text().catch(() => "");
  try {
    const body = JSON.parse(raw) as { error?: unknown; message?: unknown };
    const msg = body.message ?? body.error;
    if (typeof msg === "string" && msg) return msg;
  } catch {
    // not JSON: fall through to the raw text
  }
  return raw.slice(0, 300) || res.statusText || "no detail";
}

/**
 * A generic HTTP SMS gateway: one JSON POST `{ to, from, body, reference }` per message with
 * `Authorization: Bearer <token>`. `reference` is Herald's message id, which delivery receipts
 * echo. 2xx is accepted (the gateway's id from `id` when it answers one); 429 and 5xx are retried;
 * any other 4xx is final. No answer is retried too, which is where a lost answer can duplicate.
 */
export function httpSmsProvider(settings: HttpSmsSettings): SmsProvider {
  // Checked once per adapter (it is rebuilt when the connection changes), not per message.
  let checked: Promise<void> | null = null;
  const guard = () => (checked ??= assertPublicDestination(new URL(settings.url).hostname));
  const headers = { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${settings.token}` };

  async function send(m: OutgoingSms): Promise<ProviderResult> {
    let res: Response;
    try {
      await guard();
      res = await fetch(settings.url, {
        method: "POST",
        // A redirect could lead anywhere, including inside Herald's network: not followed.
        redirect: "manual",
        headers,
        body: JSON.stringify({ to: m.to, from: m.from, body: m.body, reference: m.messageId }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      return failure(`The SMS gateway could not be reached: ${errorText(e)}`, true);
    }
    if (res.ok) {
      const body = (await res.json().catch(() => null)) as { id?: unknown } | null;
      const id = body && (typeof body.id === "string" || typeof body.id === "number") ? String(body.id) : "";
      return { ok: true, providerMessageId: id };
    }
    const retryable = res.status === 429 || res.status >= 500;
    return failure(`The SMS gateway answered ${res.status}: ${await reason(res)}`, retryable, res.status);
  }

  return {
    kind: "http_sms",
    channel: "sms",
    sendBatch: (messages) => mapLimit(messages, PARALLEL, send),
    send,
    async test(): Promise<ConnectionTestResult> {
      if (settings.verify === "none") return { ok: true };
      try {
        await guard();
        const res = await fetch(settings.url, { method: "HEAD", headers, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
        if (res.status === 401 || res.status === 403) return { ok: false, error: `The gateway refused the token (${res.status}).` };
        if (res.status === 404) return { ok: false, error: "The gateway answered 404: check the URL." };
        if (res.status >= 500) return { ok: false, error: `The gateway answered ${res.status}.` };
        // 2xx-4xx otherwise (405 included): something answers at that URL and took the token.
        return { ok: true };
      } catch (e) {
        return { ok: false, error: `The gateway could not be reached: ${errorText(e)}` };
      }
    },
    close: async () => {},
  };
}
