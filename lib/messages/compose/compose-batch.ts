import type { MergeContact } from "@/lib/content/render-context";
import type { EmailAddress, OutgoingEmail, OutgoingSms } from "@/lib/sending/providers/types";
import { campaignPlans } from "./campaign-plans";
import { composeEmail } from "./compose-email";
import { composeSms } from "./compose-sms";

/** A claimed message as composing needs it. */
export type ComposeRow = {
  id: number;
  campaignId: string | null;
  contactId: number | null;
  toAddress: string;
  contact: MergeContact | null;
};

export type Composed<M> = { ok: true; message: M } | { ok: false; error: string };

type Common = { orgId: string; org: { name: string; postalAddress: string | null }; baseUrl: string; rows: ComposeRow[] };

/**
 * Renders a claimed batch, one result per row in order. Each campaign is compiled once (and kept
 * between batches); a row that cannot be rendered (no campaign content, a template that fails for
 * this recipient's data) is a result of its own, so one bad row never holds up the others.
 */
export async function composeBatch(input: Common & { channel: "email"; from: EmailAddress }): Promise<Composed<OutgoingEmail>[]>;
export async function composeBatch(input: Common & { channel: "sms"; from: string }): Promise<Composed<OutgoingSms>[]>;
export async function composeBatch(input: Common & { channel: "email" | "sms"; from: EmailAddress | string }): Promise<Composed<OutgoingEmail | OutgoingSms>[]> {
  const ids = input.rows.flatMap((r) => (r.campaignId ? [r.campaignId] : []));
  const plans = await campaignPlans(input.orgId, ids, input.baseUrl, input.org);
  return input.rows.map((row): Composed<OutgoingEmail | OutgoingSms> => {
    // Messages outside campaigns (API, SMTP relay) keep their content elsewhere; not sent from here yet.
    const found = row.campaignId ? plans.get(row.campaignId) : undefined;
    if (!found) return { ok: false, error: "This message has no campaign content to send." };
    if (found.kind === "error") return { ok: false, error: found.error };
    if (!row.contact || row.contactId === null) return { ok: false, error: "The contact no longer exists." };
    const recipient = { messageId: row.id, orgId: input.orgId, contactId: row.contactId, to: row.toAddress, contact: row.contact };
    try {
      if (found.kind === "email" && input.channel === "email") return { ok: true, message: composeEmail(found.plan, input.from, recipient) };
      if (found.kind === "sms" && input.channel === "sms") return { ok: true, message: composeSms(found.plan, input.from as string, recipient) };
      return { ok: false, error: "The campaign's channel does not match its sender's." };
    } catch (e) {
      return { ok: false, error: `The message could not be rendered: ${(e as Error).message}` };
    }
  });
}
