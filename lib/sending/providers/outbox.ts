import { db } from "@/db";
import { outboxMessages } from "@/db/schema";
import type { EmailProvider, OutgoingEmail } from "./types";

/**
 * The embedded default: keeps every message in `outbox_messages` instead of delivering it.
 * `/dev/mailbox` shows them and tests read them.
 */
export const outboxProvider: EmailProvider = {
  kind: "outbox",
  async send(message: OutgoingEmail) {
    const [row] = await db
      .insert(outboxMessages)
      .values({
        channel: "email",
        from: message.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        headers: message.headers ?? {},
      })
      .returning({ id: outboxMessages.id });
    return { providerMessageId: row.id };
  },
};
