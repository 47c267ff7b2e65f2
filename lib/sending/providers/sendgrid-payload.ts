import { splitAddress } from "./address";
import { SUBSTITUTIONS_MAX_BYTES, substitutionBytes } from "./substitutions";
import type { OutgoingEmail } from "./types";

/** SendGrid's documented ceiling of personalizations in one Mail Send request. */
export const MAX_PERSONALIZATIONS = 1000;

type Personalization = {
  to: { email: string }[];
  subject: string;
  headers?: Record<string, string>;
  custom_args: Record<string, string>;
  substitutions?: Record<string, string>;
};

export type MailSendBody = {
  personalizations: Personalization[];
  from: { email: string; name?: string };
  reply_to?: { email: string };
  content: { type: "text/plain" | "text/html"; value: string }[];
};

/** One Mail Send call: its body and the positions in the batch its personalizations stand for. */
export type PlannedRequest = { indexes: number[]; body: MailSendBody };

/** A message that cannot be sent at all; answered without calling SendGrid. */
export type Refused = { index: number; error: string };

// SendGrid sets these itself and refuses them in `headers`.
const RESERVED = new Set(["x-sg-id", "x-sg-eid", "received", "dkim-signature", "content-type", "content-transfer-encoding", "to", "from", "subject", "reply-to", "cc", "bcc"]);

function headersOf(m: OutgoingEmail): Record<string, string> | undefined {
  if (!m.headers) return undefined;
  const out = Object.fromEntries(Object.entries(m.headers).filter(([k]) => !RESERVED.has(k.toLowerCase())));
  return Object.keys(out).length ? out : undefined;
}

// SendGrid requires text/plain before text/html and refuses an empty value.
function contentOf(text: string, html: string): MailSendBody["content"] {
  const parts: MailSendBody["content"] = [];
  if (text) parts.push({ type: "text/plain", value: text });
  if (html) parts.push({ type: "text/html", value: html });
  return parts;
}

/**
 * Groups a batch into as few Mail Send calls as SendGrid allows. Per-recipient subject, headers
 * (List-Unsubscribe differs per recipient) and custom_args always ride on the personalization;
 * only the body must be shared by a call. So:
 * - messages with the same `shared.key` share one body, and each personalization carries its
 *   recipient's `substitutions` (raw content, not dynamic templates, so substitutions apply);
 *   a message whose values exceed SendGrid's 10,000-byte substitution limit falls back to
 *   the next rule;
 * - otherwise messages with byte-identical bodies share a call; a distinct body is its own call.
 * A campaign renderer that fills `shared` gets one call per 1,000 recipients; one that does not
 * still works, at one call per distinct body.
 */
export function planMailSend(messages: OutgoingEmail[]): { requests: PlannedRequest[]; refused: Refused[] } {
  const groups = new Map<string, { base: MailSendBody; indexes: number[]; personalizations: Personalization[] }>();
  const refused: Refused[] = [];
  messages.forEach((m, index) => {
    const from = splitAddress(m.from);
    const shared = m.shared && substitutionBytes(m.shared.values) <= SUBSTITUTIONS_MAX_BYTES ? m.shared : undefined;
    const body = shared ? { text: shared.text, html: shared.html } : { text: m.text, html: m.html };
    const content = contentOf(body.text, body.html);
    if (content.length === 0) {
      refused.push({ index, error: "The message has neither a text nor an HTML body." });
      return;
    }
    const sender = `${from.email}\u0000${from.name ?? ""}\u0000${m.replyTo ?? ""}`;
    let key = shared ? `s\u0000${sender}\u0000${shared.key}` : `b\u0000${sender}\u0000${body.text}\u0000${body.html}`;
    let group = groups.get(key);
    // The same key with another body is the caller's mistake; a separate call keeps it correct.
    if (group && shared && (group.base.content[0]?.value !== content[0].value || group.base.content.at(-1)?.value !== content.at(-1)!.value)) {
      key = `${key}\u0000${index}`;
      group = undefined;
    }
    if (!group) {
      group = {
        base: { personalizations: [], from, ...(m.replyTo ? { reply_to: { email: m.replyTo } } : {}), content },
        indexes: [],
        personalizations: [],
      };
      groups.set(key, group);
    }
    const headers = headersOf(m);
    group.indexes.push(index);
    group.personalizations.push({
      to: [{ email: m.to }],
      subject: m.subject,
      ...(headers ? { headers } : {}),
      custom_args: { ...m.customArgs, herald_message_id: m.messageId },
      ...(shared ? { substitutions: shared.values } : {}),
    });
  });
  const requests: PlannedRequest[] = [];
  for (const g of groups.values()) {
    for (let i = 0; i < g.personalizations.length; i += MAX_PERSONALIZATIONS) {
      requests.push({
        indexes: g.indexes.slice(i, i + MAX_PERSONALIZATIONS),
        body: { ...g.base, personalizations: g.personalizations.slice(i, i + MAX_PERSONALIZATIONS) },
      });
    }
  }
  return { requests, refused };
}
