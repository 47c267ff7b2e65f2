import { env } from "@/lib/env";
import { outboxProvider } from "@/lib/sending/providers/outbox";
import { sendgridProvider } from "@/lib/sending/providers/sendgrid";
import type { EmailProvider } from "@/lib/sending/providers/types";

/** The provider for Herald's own mail: SendGrid when configured, else the outbox. */
export function systemMailProvider(): EmailProvider {
  const e = env();
  return e.SENDGRID_API_KEY ? sendgridProvider(e.SENDGRID_API_KEY, e.SENDGRID_API_URL) : outboxProvider;
}

export const systemFrom = () => env().MAIL_FROM;
