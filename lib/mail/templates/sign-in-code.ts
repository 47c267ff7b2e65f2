import { buttonHtml, escapeHtml, systemLayout, type RenderedEmail } from "./layout";

export function signInCodeEmail(input: { code: string; link: string }): RenderedEmail {
  const subject = `${input.code} is your Herald sign-in code`;
  const html = systemLayout(
    subject,
    `<p>Your sign-in code is:</p>
<p style="font-size:32px;font-weight:700;letter-spacing:6px;margin:8px 0 16px">${escapeHtml(input.code)}</p>
<p>Or sign in with one click:</p>
<p>${buttonHtml(input.link, "Sign in to Herald")}</p>
<p style="color:#64748b;font-size:13px">The code and the link work once and expire in 10 minutes. If you did not ask for them, ignore this e-mail.</p>`,
  );
  const text = `Your Herald sign-in code is ${input.code}

Or open this link to sign in: ${input.link}

The code and the link work once and expire in 10 minutes. If you did not ask for them, ignore this e-mail.`;
  return { subject, html, text };
}
