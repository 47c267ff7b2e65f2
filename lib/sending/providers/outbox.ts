import { db } from "@/db";
import { outboxMessages } from "@/db/schema";
import { newId } from "@/lib/ids";
import { formatAddress, messageIdHeader } from "./address";
import { errorText } from "./map-limit";
import type { EmailProvider, OutgoingEmail, OutgoingSms, ProviderResult, SmsProvider } from "./types";

/**
 * The embedded default: keeps every message in `outbox_messages` instead of delivering it.
 * `/dev/mailbox` shows them and tests read them. A batch is one INSERT; ids are made here so
 * each result matches its message without relying on RETURNING order.
 */
async function store(rows: (typeof outboxMessages.$inferInsert & { id: string })[]): Promise<ProviderResult[]> {
  if (rows.length === 0) return [];
  try {
    await db.insert(outboxMessages).values(rows);
    return rows.map((r) => ({ ok: true, providerMessageId: r.id }));
  } catch (e) {
    // The database is down or refused the batch: nothing was stored, so trying again is safe.
    const error = `The outbox could not store the batch: ${errorText(e)}`;
    return rows.map(() => ({ ok: false, retryable: true, error }));
  }
}

const emailRow = (m: OutgoingEmail) => ({
  id: newId("obx"),
  channel: "email" as const,
  from: formatAddress(m.from),
  to: m.to,
  subject: m.subject,
  html: m.html,
  text: m.text,
  headers: {
    ...m.headers,
    ...(m.replyTo ? { "Reply-To": m.replyTo } : {}),
    "Message-ID": messageIdHeader(m.messageId),
    "X-Herald-Message-Id": m.messageId,
  },
});

const smsRow = (m: OutgoingSms) => ({
  id: newId("obx"),
  channel: "sms" as const,
  from: m.from,
  to: m.to,
  text: m.body,
  headers: { "X-Herald-Message-Id": m.messageId },
});

export const outboxProvider: EmailProvider = {
  kind: "outbox",
  channel: "email",
  sendBatch: (messages) => store(messages.map(emailRow)),
  send: async (message) => (await store([emailRow(message)]))[0],
  test: async () => ({ ok: true }),
  close: async () => {},
};

export const outboxSmsProvider: SmsProvider = {
  kind: "outbox",
  channel: "sms",
  sendBatch: (messages) => store(messages.map(smsRow)),
  send: async (message) => (await store([smsRow(message)]))[0],
  test: async () => ({ ok: true }),
  close: async () => {},
};
