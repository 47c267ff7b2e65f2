import net from "node:net";
import nodemailer from "nodemailer";
import { messageIdHeader } from "./address";
import { errorText, mapLimit } from "./map-limit";
import { buildMessage, envelopeAddress, newBoundary } from "./mime";
import { failure, type ConnectionTestResult, type EmailProvider, type OutgoingEmail, type ProviderFailure, type ProviderResult } from "./types";
import { assertPublicDestination } from "@/lib/sending/network-guard";

/** Pooled connections, and messages handed to the pool at once (two per connection). */
const MAX_CONNECTIONS = 5;
const IN_FLIGHT = MAX_CONNECTIONS * 2;

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
    maxConnections: MAX_CONNECTIONS,
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

  const boundary = newBoundary();

  /**
   * Hands a finished message to the pool through nodemailer's documented `raw` option (with an
   * explicit envelope, so nothing re-parses the addresses): connections, login, TLS, requeue
   * after a dropped connection and the SMTP dialogue stay nodemailer's.
   */
  async function deliver(envelope: { from: string; to: string }, raw: Buffer): Promise<void> {
    if (closed) throw poolClosed();
    const sending = Promise.race([transport.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw }), whenClosed]);
    inFlight.add(sending);
    try {
      await sending;
    } finally {
      inFlight.delete(sending);
    }
  }
  // Closing lets what is being sent finish: a message the server is taking when the adapter is
  // replaced (any save of the connection) would otherwise be answered "failed, retry" and go out
  // twice. New sends are refused at once. Past the grace period, what is still waiting is told
  // the pool closed: a closed pool refuses a message by never calling back (smtp-pool's send()
  // returns false and sendMail ignores it), so without this it would wait forever.
  const CLOSE_GRACE_MS = 30_000;
  let closed = false;
  const inFlight = new Set<Promise<unknown>>();
  const poolClosed = () => Object.assign(new Error("The connection pool is closed."), { code: "ECONNECTION" });
  let signalClosed: (e: Error) => void = () => {};
  const whenClosed = new Promise<never>((_resolve, reject) => (signalClosed = reject));
  whenClosed.catch(() => {});

  async function send(m: OutgoingEmail): Promise<ProviderResult> {
    try {
      await guard();
      const messageId = messageIdHeader(m.messageId, settings.fromDomain || undefined);
      // Herald builds the message (mime.ts) and nodemailer only carries it: its own MIME
      // composition cost more CPU than everything else a campaign message takes.
      const raw = buildMessage(
        {
          from: m.from,
          to: m.to,
          replyTo: m.replyTo,
          subject: m.subject,
          messageId,
          date: new Date(),
          headers: { ...m.headers, "X-Herald-Message-Id": m.messageId },
          html: m.html,
          text: m.text,
        },
        boundary,
      );
      await deliver({ from: envelopeAddress(m.from), to: envelopeAddress(m.to) }, raw);
      return { ok: true, providerMessageId: messageId };
    } catch (e) {
      return classifySmtpError(e);
    }
  }

  return {
    kind: "smtp",
    channel: "email",
    // A few messages per connection in flight, each built just before the pool can take it: built
    // all at once, a batch's thousand bodies would outlive V8's young generation and cost full
    // collections; a connection that finishes one message still finds the next one queued.
    sendBatch: (messages) => mapLimit(messages, IN_FLIGHT, send),
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
    close: async () => {
      closed = true;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      transport.close();
      signalClosed(poolClosed());
    },
  };
}
