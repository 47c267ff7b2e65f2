import { Client } from "@sendgrid/client";
import { MailService } from "@sendgrid/mail";
import { AppError } from "@/lib/errors";
import type { EmailProvider, OutgoingEmail } from "./types";

/** SendGrid v3 Mail Send. `baseUrl` lets tests point the client at a local fake. */
export function sendgridProvider(apiKey: string, baseUrl?: string): EmailProvider {
  const http = new Client();
  http.setApiKey(apiKey);
  if (baseUrl) http.setDefaultRequest("baseUrl", baseUrl);
  const client = new MailService();
  client.setClient(http);
  return {
    kind: "sendgrid",
    async send(message: OutgoingEmail) {
      try {
        const [res] = await client.send({
          from: message.from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          headers: message.headers,
        });
        const id = res.headers["x-message-id"];
        return { providerMessageId: typeof id === "string" ? id : "" };
      } catch (e) {
        const err = e as { code?: number; message?: string; response?: { body?: unknown } };
        throw new AppError("INTERNAL", `SendGrid answered ${err.code ?? "?"}: ${JSON.stringify(err.response?.body ?? err.message)}`);
      }
    },
  };
}
