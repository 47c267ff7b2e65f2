import { buttonHtml, escapeHtml, systemLayout, type RenderedEmail } from "./layout";

/** The e-mail twin of an in-app billing notification, sent to an org's owners and admins. */
export function billingNotificationEmail(input: { orgName: string; title: string; body: string; link: string | null }): RenderedEmail {
  const subject = `${input.orgName}: ${input.title}`;
  const html = systemLayout(
    subject,
    `<p><strong>${escapeHtml(input.title)}</strong></p>
<p>${escapeHtml(input.body)}</p>
${input.link ? `<p>${buttonHtml(input.link, "Open billing")}</p>` : ""}
<p style="color:#64748b;font-size:13px">You get this because you are an owner or admin of ${escapeHtml(input.orgName)} on Herald.</p>`,
  );
  const text = `${input.title}

${input.body}
${input.link ? `\nOpen billing: ${input.link}\n` : ""}
You get this because you are an owner or admin of ${input.orgName} on Herald.`;
  return { subject, html, text };
}
