import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

/**
 * A local SMTP server (`smtp-server`) that accepts any login and keeps every message raw, for
 * tests to parse with `mailparser`. It can be told to refuse the next messages with a reply code
 * (4xx temporary, 5xx permanent), or to refuse every login (535), like a real server would.
 */
export type SunkMessage = { from: string; to: string[]; raw: Buffer; user?: string };

type SmtpReplyError = Error & { responseCode?: number };

const replyError = (code: number, message: string): SmtpReplyError => Object.assign(new Error(message), { responseCode: code });

export async function startSmtpSink(opts: { refuseLogin?: boolean } = {}) {
  const messages: SunkMessage[] = [];
  const logins: { username: string; password: string }[] = [];
  const rejections: { code: number; message: string; times: number }[] = [];
  let refuseLogin = Boolean(opts.refuseLogin);

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    // No certificate here: clients talk plain SMTP ("none" TLS mode).
    hideSTARTTLS: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 25 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (refuseLogin) return callback(replyError(535, "5.7.8 Authentication credentials invalid"));
      logins.push({ username: auth.username ?? "", password: auth.password ?? "" });
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const rejection = rejections[0];
        if (rejection) {
          if (--rejection.times <= 0) rejections.shift();
          return callback(replyError(rejection.code, rejection.message));
        }
        const from = session.envelope.mailFrom ? (session.envelope.mailFrom as SMTPServerAddress).address : "";
        messages.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks), user: session.user as string | undefined });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;

  return {
    host: "127.0.0.1",
    port,
    messages,
    logins,
    /** The next `times` messages are refused with `code` (e.g. 451 try later, 550 no such user). */
    rejectNext(code: number, times = 1, message = code >= 500 ? "5.1.1 Mailbox unavailable" : "4.3.0 Try again later") {
      rejections.push({ code, message, times });
    },
    refuseLogins(on = true) {
      refuseLogin = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
