import type { ProviderConnection } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { openJson } from "@/lib/secret-box";
import { httpSmsProvider } from "./http-sms";
import { outboxProvider, outboxSmsProvider } from "./outbox";
import { sendgridProvider } from "./sendgrid";
import { smtpProvider, type SmtpTlsMode } from "./smtp";
import type { EmailProvider, SmsProvider } from "./types";

type Row = Pick<ProviderConnection, "id" | "kind" | "config" | "secretsEnc" | "updatedAt">;
type Channel = "email" | "sms";
type ProviderFor<C extends Channel> = C extends "email" ? EmailProvider : SmsProvider;

/** Which channels each kind can carry: the outbox keeps both. */
export const KIND_CHANNELS: Record<ProviderConnection["kind"], readonly Channel[]> = {
  outbox: ["email", "sms"],
  sendgrid: ["email"],
  smtp: ["email"],
  http_sms: ["sms"],
};

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** A fresh adapter for the row; its secrets are opened here and live only inside the adapter. */
export function buildProvider<C extends Channel>(row: Row, channel: C): ProviderFor<C> {
  if (!KIND_CHANNELS[row.kind].includes(channel)) {
    throw new AppError("BAD_REQUEST", `A ${row.kind} connection cannot send ${channel === "sms" ? "SMS" : "e-mail"}.`);
  }
  const secrets = row.secretsEnc ? openJson(row.secretsEnc) : {};
  const c = row.config;
  switch (row.kind) {
    case "outbox":
      return (channel === "email" ? outboxProvider : outboxSmsProvider) as ProviderFor<C>;
    case "sendgrid":
      // SENDGRID_API_URL points every SendGrid connection at a fake (tests, benchmarks).
      return sendgridProvider(secrets.apiKey ?? "", env().SENDGRID_API_URL) as ProviderFor<C>;
    case "smtp":
      return smtpProvider({
        host: String(c.host),
        port: Number(c.port),
        tls: (str(c.tls) ?? "starttls") as SmtpTlsMode,
        user: str(c.user),
        password: secrets.password,
        fromDomain: str(c.fromDomain),
      }) as ProviderFor<C>;
    case "http_sms":
      return httpSmsProvider({ url: String(c.url), token: secrets.token ?? "", verify: c.verify === "none" ? "none" : "head" }) as ProviderFor<C>;
  }
}

// Adapters are kept per connection so an SMTP pool's open connections serve every batch.
// An edited connection has a new `updatedAt`: its old adapter is closed and replaced.
const cache = new Map<string, { stamp: string; provider: EmailProvider | SmsProvider }>();

/** The adapter the dispatch step sends a batch through, reused across batches. */
export function providerForConnection<C extends Channel>(row: Row, channel: C): ProviderFor<C> {
  const key = `${row.id}:${channel}`;
  const stamp = String(row.updatedAt.getTime());
  const hit = cache.get(key);
  if (hit?.stamp === stamp) return hit.provider as ProviderFor<C>;
  if (hit) void hit.provider.close();
  const provider = buildProvider(row, channel);
  cache.set(key, { stamp, provider });
  return provider;
}

/** Closes every cached adapter (shutdown, tests). */
export async function closeProviders() {
  const all = [...cache.values()];
  cache.clear();
  await Promise.all(all.map((e) => e.provider.close()));
}
