import { buttonHtml, escapeHtml, systemLayout, type RenderedEmail } from "./layout";

export function invitationEmail(input: { orgName: string; inviterName: string; role: string; link: string }): RenderedEmail {
  const subject = `${input.inviterName} invited you to ${input.orgName} on Herald`;
  const html = systemLayout(
    subject,
    `<p><strong>${escapeHtml(input.inviterName)}</strong> invited you to join <strong>${escapeHtml(input.orgName)}</strong> on Herald as ${escapeHtml(input.role)}.</p>
<p>${buttonHtml(input.link, "Accept the invitation")}</p>
<p style="color:#64748b;font-size:13px">The link works once and expires in 7 days. Sign in (or sign up) with this e-mail address to accept.</p>`,
  );
  const text = `${input.inviterName} invited you to join ${input.orgName} on Herald as ${input.role}.

Accept the invitation: ${input.link}

The link works once and expires in 7 days. Sign in (or sign up) with this e-mail address to accept.`;
  return { subject, html, text };
}
