import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { outboxProvider } from "@/lib/sending/providers/outbox";
import { sendgridProvider } from "@/lib/sending/providers/sendgrid";
import type { EmailProvider, OutgoingEmail } from "@/lib/sending/providers/types";

/** Herald's own mail (codes, invitations): one message at a time, a failure thrown for the job's retries. */
export type SystemMailer = {
  readonly kind: EmailProvider["kind"];
  send(message: Omit<OutgoingEmail, "messageId"> & { messageId?: string }): Promise<{ providerMessageId: string }>;
};

function asSystemMailer(provider: EmailProvider): SystemMailer {
  return {
    kind: provider.kind,
    async send(message) {
      // System mail has no message row; an `eml_` id still gives its Message-ID a unique name.
      const res = await provider.send({ ...message, messageId: message.messageId ?? newId("eml") });
      if (!res.ok) throw new AppError("INTERNAL", res.error);
      return { providerMessageId: res.providerMessageId };
    },
  };
}

/** The provider for Herald's own mail: SendGrid when configured, else the outbox. */
export function systemMailProvider(): SystemMailer {
  const e = env();
  return asSystemMailer(e.SENDGRID_API_KEY ? sendgridProvider(e.SENDGRID_API_KEY, e.SENDGRID_API_URL) : outboxProvider);
}

export const systemFrom = () => env().MAIL_FROM;
