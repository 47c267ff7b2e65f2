import net from "node:net";
import nodemailer from "nodemailer";
import { formatAddress, messageIdHeader } from "./address";
import { errorText } from "./map-limit";
import { failure, type ConnectionTestResult, type EmailProvider, type OutgoingEmail, type ProviderFailure, type ProviderResult } from "./types";
import { assertPublicDestination } from "@/lib/sending/network-guard";

export type SmtpTlsMode = "none" | "starttls" | "tls";

export type SmtpSettings = {
  host: string;
  port: number;
  tls: SmtpTlsMode;
  user?: string;
  password?: string;
  /** The domain of Message-IDs (the sending domain); `herald` when not set. */
  fromDomain?: string;
};

type SmtpError = { responseCode?: number; code?: string; response?: string; message?: string };

/**
 * SMTP reply codes say it: 4xx is "try again later" (greylisting, rate limit, mailbox busy),
 * 5xx is final (unknown user, refused sender, bad credentials). No reply at all (refused
 * connection, timeout, dropped socket) is retried; a message the server took but whose "250"
 * was lost can then go out twice, bounded by the dispatch step's attempt limit.
 */
export function classifySmtpError(e: unknown): ProviderFailure {
  const err = e as SmtpError;
  const text = errorText(err.response || err.message || e);
  if (typeof err.responseCode === "number") {
    return failure(`SMTP server answered ${text}`, err.responseCode < 500, err.responseCode);
  }
  // Nodemailer refused the message before talking to the server: sending it again changes nothing.
  if (err.code === "EENVELOPE" || err.code === "EMESSAGE") return failure(`The message was refused: ${text}`, false);
  return failure(`SMTP server could not be reached: ${text}`, true);
}

/**
 * Any SMTP service (SMTP2Go, MailerSend, SES, Gmail) through one pooled transport: up to five
 * connections kept open and reused across batches, so a batch costs no handshakes. The
 * Message-ID carries Herald's message id, so bounces and replies name the message they answer.
 */
export function smtpProvider(settings: SmtpSettings): EmailProvider {
  // Checked once per adapter (it is rebuilt when the connection changes), not per message.
  let checked: Promise<void> | null = null;
  const guard = () => (checked ??= assertPublicDestination(settings.host));
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 5,
    maxMessages: 500,
    host: settings.host,
    port: settings.port,
    secure: settings.tls === "tls",
    requireTLS: settings.tls === "starttls",
    ignoreTLS: settings.tls === "none",
    auth: settings.user ? { user: settings.user, pass: settings.password ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    // Nagle's algorithm holds each short SMTP command back ~40 ms waiting for an ACK, which caps a
    // pooled connection near 20 messages/s. Herald opens the socket itself with no delay; nodemailer
    // still upgrades it to TLS (implicit TLS or STARTTLS) as configured.
    getSocket: (_options: unknown, callback: (err: Error | null, socket?: { connection: net.Socket }) => void) => {
      const socket = net.connect({ host: settings.host, port: settings.port, noDelay: true });
      const fail = (e: Error) => {
        socket.destroy();
        callback(e);
      };
      socket.setTimeout(10_000, () => fail(Object.assign(new Error(`Connection timeout to ${settings.host}:${settings.port}`), { code: "ETIMEDOUT" })));
      socket.once("error", fail);
      socket.once("connect", () => {
        socket.setTimeout(0);
        socket.removeListener("error", fail);
        callback(null, { connection: socket });
      });
    },
  });

  async function send(m: OutgoingEmail): Promise<ProviderResult> {
    try {
      await guard();
      const info = await transport.sendMail({
        from: formatAddress(m.from),
        to: m.to,
        replyTo: m.replyTo,
        subject: m.subject,
        text: m.text || undefined,
        html: m.html || undefined,
        messageId: messageIdHeader(m.messageId, settings.fromDomain || undefined),
        date: new Date(),
        headers: { ...m.headers, "X-Herald-Message-Id": m.messageId },
      });
      return { ok: true, providerMessageId: info.messageId };
    } catch (e) {
      return classifySmtpError(e);
    }
  }

  return {
    kind: "smtp",
    channel: "email",
    // The pool queues what its connections cannot take yet, so the whole batch is handed over at once.
    sendBatch: (messages) => Promise.all(messages.map(send)),
    send,
    async test(): Promise<ConnectionTestResult> {
      try {
        await guard();
        await transport.verify();
        return { ok: true };
      } catch (e) {
        return { ok: false, error: classifySmtpError(e).error };
      }
    },
    close: async () => transport.close(),
  };
}
