import { signContactToken } from "@/lib/audience/consent/contact-token";
import { renderCompiled, toTemplateError } from "@/lib/content/liquid-engine";
import { toScope, type MergeContact } from "@/lib/content/render-context";
import { encodeId } from "@/lib/ids";
import { listUnsubscribeHeadersFor } from "@/lib/messages/list-unsubscribe";
import type { EmailAddress, OutgoingEmail } from "@/lib/sending/providers/types";
import { clickToken, openToken, unsubscribeToken } from "@/lib/tracking/tracking-token";
import { oneLine, preheaderText, type EmailPlan } from "./email-plan";
import { SLOT } from "./footer";
import { MARK_OPEN, MARKER, type KeyedPiece } from "./pieces";

export type Recipient = { messageId: number; orgId: string; contactId: number; to: string; contact: MergeContact };

/**
 * One message from its campaign's plan: three HMACs (unsubscribe, preferences, open) plus one per
 * distinct tracked link, a render of each Liquid part, and nothing else up front. `shared` carries
 * the plan's bodies with this recipient's values, which SendGrid substitutes itself; `html` and
 * `text` are joined from the very same values, so the two can never disagree (types.ts), and only
 * when read (SMTP and the outbox read them; the SendGrid path never needs them).
 * Throws TemplateError when the recipient's data makes a template fail (a render limit).
 */
export function composeEmail(plan: EmailPlan, from: EmailAddress, r: Recipient): OutgoingEmail {
  const base = plan.base;
  const id = r.messageId;
  const unsub = unsubscribeToken(id);
  const prefs = signContactToken({ orgId: r.orgId, contactId: r.contactId, purpose: "preferences" });
  const scope = toScope({
    contact: r.contact,
    org: plan.org,
    campaign: { name: plan.campaignName },
    unsubscribeUrl: `${base}/u/${unsub}`,
    preferencesUrl: `${base}/p/${prefs}`,
  });

  // Keyed by substitution key: the message's values and the cache of what it rendered.
  const values: Record<string, string> = {};
  const compute = (p: Exclude<KeyedPiece, string>): string => {
    if ("part" in p) {
      const part = plan.parts[p.part];
      const out = part.render(scope);
      return part.expand && out.includes(MARK_OPEN) ? out.replace(MARKER, (_m, name: string) => join(plan.markers(name))) : out;
    }
    switch (p.slot) {
      case SLOT.unsubscribe:
        return unsub;
      case SLOT.preferences:
        return prefs;
      case SLOT.open:
        return openToken(id);
      case SLOT.preheader:
        return plan.preheader ? preheaderText(renderCompiled(plan.preheader, scope)) : "";
      default:
        return clickToken(id, Number(p.slot.slice(1)));
    }
  };
  const value = (p: Exclude<KeyedPiece, string>) => (values[p.key] ??= compute(p));
  const join = (pieces: KeyedPiece[]) => {
    let out = "";
    for (const p of pieces) out += typeof p === "string" ? p : value(p);
    return out;
  };

  try {
    for (const p of plan.substituted) value(p);
    let subject: string;
    if (typeof plan.subject === "string") subject = plan.subject;
    else {
      // One line: a newline in a subject would start a new header.
      subject = oneLine(renderCompiled(plan.subject, scope));
      values[plan.subjectKey] = subject;
    }
    const messageId = encodeId("msg", id);
    return {
      messageId,
      from,
      to: r.to,
      subject,
      // Joined on each read, not kept: the batch holds its messages until every answer is in, and
      // a thousand kept bodies would outlive V8's young generation (SMTP reads each body once).
      get html() {
        return join(plan.html);
      },
      get text() {
        return join(plan.text);
      },
      headers: listUnsubscribeHeadersFor(base, unsub),
      customArgs: { herald_message_id: messageId },
      shared: { key: plan.key, subject: plan.shared.subject, html: plan.shared.html, text: plan.shared.text, values },
    };
  } catch (e) {
    throw toTemplateError(e);
  }
}
