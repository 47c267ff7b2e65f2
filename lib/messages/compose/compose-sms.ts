import { signContactToken } from "@/lib/audience/consent/contact-token";
import { compileSms } from "@/lib/content/render-template";
import { encodeId } from "@/lib/ids";
import type { OutgoingSms } from "@/lib/sending/providers/types";
import { unsubscribeToken } from "@/lib/tracking/tracking-token";
import type { Recipient } from "./compose-email";

export type SmsPlan = {
  body: ReturnType<typeof compileSms>;
  base: string;
  campaignName: string;
  org: { name: string; postalAddress: string | null };
  /** Sign the two links only for a body that shows them: most SMS do not. */
  usesLinks: boolean;
};

/** Compiles a campaign's SMS body once (throws TemplateError when it does not parse). */
export function compileSmsPlan(input: { body: string; baseUrl: string; campaignName: string; org: SmsPlan["org"] }): SmsPlan {
  return {
    body: compileSms(input.body),
    base: input.baseUrl.replace(/\/+$/, ""),
    campaignName: input.campaignName,
    org: input.org,
    usesLinks: /unsubscribe_url|preferences_url/.test(input.body),
  };
}

/** A marketing SMS is its rendered body and nothing else: no footer, no tracking. */
export function composeSms(plan: SmsPlan, from: string, r: Recipient): OutgoingSms {
  const unsubscribeUrl = plan.usesLinks ? `${plan.base}/u/${unsubscribeToken(r.messageId)}` : "";
  const preferencesUrl = plan.usesLinks ? `${plan.base}/p/${signContactToken({ orgId: r.orgId, contactId: r.contactId, purpose: "preferences" })}` : "";
  const body = plan.body.render({ contact: r.contact, org: plan.org, campaign: { name: plan.campaignName }, unsubscribeUrl, preferencesUrl });
  if (!body) throw new Error("The message renders empty for this recipient.");
  return { messageId: encodeId("msg", r.messageId), from, to: r.to, body };
}
