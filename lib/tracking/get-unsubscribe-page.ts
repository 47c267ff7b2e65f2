import { db, ensureDb } from "@/db";
import { preferenceCentreUrl } from "@/lib/audience/consent/contact-token";
import { maskEmail, maskPhone } from "@/lib/audience/consent/schemas";
import { verifyToken } from "./tracking-token";
import { loadUnsubscribeTarget } from "./unsubscribe-target";

export type UnsubscribePageView = {
  orgName: string;
  channel: "email" | "sms";
  /** `j•••@example.com` or `•••123`: enough to recognise, not enough to harvest. */
  address: string;
  /** Mail to this person has stopped already (by this link or any other way). */
  stopped: boolean;
  /** Their preference centre, when the contact still exists. */
  preferencesUrl: string | null;
};

/** What `/u/<token>` shows. Null for a bad token or a message that no longer exists (404). A read only. */
export async function getUnsubscribePage(token: string): Promise<UnsubscribePageView | null> {
  const claims = verifyToken(token, "unsub");
  if (!claims) return null;
  await ensureDb();
  const target = await loadUnsubscribeTarget(db, claims.messageId);
  if (!target) return null;
  return {
    orgName: target.orgName,
    channel: target.channel,
    address: (target.channel === "email" ? maskEmail(target.address) : maskPhone(target.address)) ?? "•••",
    stopped: target.stopped,
    preferencesUrl: target.contactId === null ? null : preferenceCentreUrl(target.orgId, target.contactId),
  };
}
