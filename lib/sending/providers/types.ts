/** A rendered e-mail ready for a provider. */
export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
};

export type ProviderSendResult = { providerMessageId: string };

/** What every e-mail provider adapter implements (`outbox`, `sendgrid`, later `smtp`). */
export interface EmailProvider {
  readonly kind: "outbox" | "sendgrid" | "smtp";
  send(message: OutgoingEmail): Promise<ProviderSendResult>;
}
