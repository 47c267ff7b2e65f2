import { sql } from "drizzle-orm";
import { db, query, type Tx } from "@/db";
import type { ContactStatus } from "@/db/schema";
import { addToList } from "@/lib/audience/lists/membership";
import { addressHash } from "@/lib/audience/suppressions/address-hash";
import { dispatchSystemEmails, insertSystemEmail } from "@/lib/mail/queue-system-email";
import { confirmSubscriptionEmail } from "@/lib/mail/templates/confirm-subscription";
import { enforceRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { confirmSubscriptionUrl } from "./contact-token";
import { findPublicList, type PublicList } from "./find-public-list";
import { recordContactEvent } from "./record-contact-event";
import { HONEYPOT_FIELD, subscribeInputSchema } from "./schemas";
import { assertContactCapacity } from "@/lib/billing/limits";
import { isAppError } from "@/lib/errors";

/** What the form may show: the same answer whoever the address belongs to. */
export type SubscribeResult = { listName: string; doubleOptIn: boolean };

export const IP_LIMIT = { count: 10, windowSeconds: 10 * 60 };
export const ADDRESS_LIMIT = { count: 3, windowSeconds: 60 * 60 };
export const LIST_LIMIT = { count: 500, windowSeconds: 60 * 60 };

// Anyone who unsubscribed, bounced or complained, or whose address is suppressed, said no (or
// their mailbox did): a public form, which anyone can fill in with any address, never overrides that.
const REFUSED: ContactStatus[] = ["unsubscribed", "bounced", "complained"];

/**
 * The public subscribe form and endpoint. With double opt-in the contact waits as `pending`
 * (list membership too) until they click the signed link in the confirmation e-mail; without it
 * they are subscribed at once with consent recorded. Every outcome that is not an input error
 * gives the same answer, so the form cannot be used to learn who is on the list.
 */
export async function subscribeToList(listToken: string, input: Record<string, unknown>, meta: { ip: string }): Promise<SubscribeResult> {
  // Behind no proxy every caller is "unknown" and shares one budget: stricter, never looser.
  await enforceRateLimit(`subscribe:ip:${meta.ip}`, IP_LIMIT.count, IP_LIMIT.windowSeconds, "Too many sign-ups from your network.");
  const list = await findPublicList(listToken);
  const answer: SubscribeResult = { listName: list.name, doubleOptIn: list.doubleOptIn };
  const honeypot = input[HONEYPOT_FIELD];
  if (typeof honeypot === "string" && honeypot.trim() !== "") return answer;

  const { email, firstName, lastName } = subscribeInputSchema.parse(input);
  // A cap per list that no forged header gets around: a form flooded from many addresses stops here.
  await enforceRateLimit(`subscribe:list:${list.id}`, LIST_LIMIT.count, LIST_LIMIT.windowSeconds, "This list is receiving too many sign-ups right now.");
  await enforceRateLimit(`subscribe:list:${list.id}:${addressHash(email)}`, ADDRESS_LIMIT.count, ADDRESS_LIMIT.windowSeconds, "This address was just signed up.");

  const queued = await db.transaction(async (tx) => {
    const [suppressed] = await query(
      sql`SELECT 1 FROM suppressions WHERE org_id = ${list.orgId} AND channel = 'email' AND address_hash = ${addressHash(email)}`,
      tx,
    );
    if (suppressed) return null;
    const contact = await upsertContact(tx, list, { email, firstName, lastName }, meta.ip);
    if (!contact || REFUSED.includes(contact.status)) return null;
    const ids = sql`SELECT ${contact.id}::bigint`;
    if (!list.doubleOptIn) {
      await addToList(tx, list.orgId, list.id, ids, "subscribed");
      await query(sql`UPDATE list_members SET status = 'subscribed' WHERE list_id = ${list.id} AND contact_id = ${contact.id} AND org_id = ${list.orgId}`, tx);
      return null;
    }
    await addToList(tx, list.orgId, list.id, ids, "pending");
    const [member] = await query<{ status: string }>(
      sql`SELECT status FROM list_members WHERE list_id = ${list.id} AND contact_id = ${contact.id} AND org_id = ${list.orgId}`,
      tx,
    );
    // Already confirmed on this list: nothing to confirm, and no e-mail anyone could trigger.
    if (member?.status === "subscribed") return null;
    return insertSystemEmail(tx, {
      kind: "subscription-confirmation",
      orgId: list.orgId,
      to: email,
      ...confirmSubscriptionEmail({ orgName: list.orgName, listName: list.name, link: confirmSubscriptionUrl(list.orgId, contact.id, list.id) }),
    });
  });
  if (queued) await dispatchSystemEmails([queued]);
  return answer;
}

/**
 * Creates the contact (pending with double opt-in, else subscribed with consent), or finds the
 * existing one. An existing contact is never downgraded, and a form filled in by anyone never
 * rewrites their details; only a pending contact on a single opt-in list becomes subscribed.
 */
async function upsertContact(tx: Tx, list: PublicList, v: { email: string; firstName: string | null; lastName: string | null }, ip: string) {
  const status: ContactStatus = list.doubleOptIn ? "pending" : "subscribed";
  const source = `form:${list.name}`;
  const [known] = await query<{ id: number | string }>(sql`SELECT id FROM contacts WHERE org_id = ${list.orgId} AND email = ${v.email}`, tx);
  // A new contact must fit the plan. A full org answers the form like any other refusal (the
  // visitor learns nothing); the owner sees the limit where contacts are managed.
  if (!known && !(await hasRoomForOne(tx, list.orgId))) return null;
  const [created] = await query<{ id: number | string }>(
    sql`INSERT INTO contacts (org_id, email, first_name, last_name, status, status_reason, consent_source, consent_at, consent_ip)
        VALUES (${list.orgId}, ${v.email}, ${v.firstName}, ${v.lastName}, ${status}, ${source},
                ${list.doubleOptIn ? null : source}, ${list.doubleOptIn ? null : sql`now()`}, ${list.doubleOptIn ? null : ip})
        ON CONFLICT (org_id, email) DO NOTHING
        RETURNING id`,
    tx,
  );
  if (created) {
    const id = Number(created.id);
    await recordContactEvent(tx, list.orgId, id, list.doubleOptIn ? "subscription_requested" : "subscribed", null, status, source);
    return { id, status };
  }
  const [existing] = await query<{ id: number | string; status: ContactStatus }>(
    sql`SELECT id, status FROM contacts WHERE org_id = ${list.orgId} AND email = ${v.email} FOR UPDATE`,
    tx,
  );
  const id = Number(existing.id);
  if (!list.doubleOptIn && existing.status === "pending") {
    await query(
      sql`UPDATE contacts SET status = 'subscribed', status_changed_at = now(), status_reason = ${source},
            consent_source = ${source}, consent_at = now(), consent_ip = ${ip}, updated_at = now()
          WHERE id = ${id} AND org_id = ${list.orgId}`,
      tx,
    );
    await recordContactEvent(tx, list.orgId, id, "subscribed", "pending", "subscribed", source);
    return { id, status: "subscribed" as ContactStatus };
  }
  return { id, status: existing.status };
}

/** Whether the org's plan holds one more contact (under the same per-org lock as every writer). */
async function hasRoomForOne(tx: Tx, orgId: string): Promise<boolean> {
  try {
    await assertContactCapacity(tx, orgId, 1);
    return true;
  } catch (e) {
    if (isAppError(e) && e.code === "LIMIT_REACHED") return false;
    throw e;
  }
}
