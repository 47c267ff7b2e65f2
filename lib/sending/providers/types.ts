/**
 * The one interface every provider adapter implements. Adapters are batch-oriented: the dispatch
 * step hands a claimed batch over and records every result in one statement, so `sendBatch`
 * never throws for a message's failure; it answers one result per message, in order.
 */

/** An address as a string (`a@b.c` or `Name <a@b.c>`) or already split. */
export type EmailAddress = string | { email: string; name?: string | null };

/**
 * The message as a shared body plus per-recipient values, for providers that can send one body
 * to many recipients (SendGrid substitutions). Invariant: replacing every key of `values` in
 * `subject`/`html`/`text` yields the message's own `subject`/`html`/`text` exactly
 * (see `applySubstitutions`). `key` names the shared body: messages with the same key share it.
 */
export type SharedContent = {
  key: string;
  subject: string;
  html: string;
  text: string;
  values: Record<string, string>;
};

/** A rendered e-mail ready for a provider. */
export type OutgoingEmail = {
  /** Herald's id for this message (`msg_...`): Message-ID, custom_args and webhooks refer to it. */
  messageId: string;
  from: EmailAddress;
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post, ...). */
  headers?: Record<string, string>;
  /** Values the provider echoes back in its events (SendGrid custom_args). */
  customArgs?: Record<string, string>;
  shared?: SharedContent;
};

/** A rendered SMS: `from` is the sender id (alphanumeric or E.164), `to` is E.164. */
export type OutgoingSms = { messageId: string; from: string; to: string; body: string };

export type ProviderResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; retryable: boolean; status?: number; error: string };

export type ProviderFailure = Extract<ProviderResult, { ok: false }>;

export type ConnectionTestResult = { ok: true } | { ok: false; error: string };

export type ProviderKind = "outbox" | "sendgrid" | "smtp" | "http_sms";

interface Provider<M> {
  readonly kind: ProviderKind;
  /** One result per message, in the order given. */
  sendBatch(messages: M[]): Promise<ProviderResult[]>;
  send(message: M): Promise<ProviderResult>;
  /** "Test connection": reaches the provider with the stored credentials, sends nothing. */
  test(): Promise<ConnectionTestResult>;
  /** Releases pooled connections (SMTP); a no-op elsewhere. */
  close(): Promise<void>;
}

export interface EmailProvider extends Provider<OutgoingEmail> {
  readonly channel: "email";
}

export interface SmsProvider extends Provider<OutgoingSms> {
  readonly channel: "sms";
}

export const failure = (error: string, retryable: boolean, status?: number): ProviderFailure => ({
  ok: false,
  retryable,
  error,
  ...(status !== undefined ? { status } : {}),
});
