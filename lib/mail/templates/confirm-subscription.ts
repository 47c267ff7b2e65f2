import { buttonHtml, escapeHtml, systemLayout, type RenderedEmail } from "./layout";

/** Double opt-in: the person confirms that they, the owner of this inbox, asked to subscribe. */
export function confirmSubscriptionEmail(input: { orgName: string; listName: string; link: string }): RenderedEmail {
  const subject = `Confirm your subscription to ${input.listName}`;
  const html = systemLayout(
    subject,
    `<p>Someone (we hope you) asked to subscribe this address to <strong>${escapeHtml(input.listName)}</strong> from <strong>${escapeHtml(input.orgName)}</strong>.</p>
<p>${buttonHtml(input.link, "Confirm my subscription")}</p>
<p style="color:#64748b;font-size:13px">The link expires in 7 days. If you did not ask for this, ignore this e-mail: you will not be subscribed and will hear nothing more.</p>`,
  );
  const text = `Someone (we hope you) asked to subscribe this address to ${input.listName} from ${input.orgName}.

Confirm your subscription: ${input.link}

The link expires in 7 days. If you did not ask for this, ignore this e-mail: you will not be subscribed and will hear nothing more.`;
  return { subject, html, text };
}
