import { sql } from "drizzle-orm";
import { db } from "@/db";
import { contactEvents, contacts } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { contactInputSchema } from "./contact-schema";
import { toContactView, type ContactView } from "./contact-view";
import { assertUniqueAddresses, loadWriteContext, mergeAttributes, rethrowUniqueViolation } from "./contact-write";
import type { ContactFields } from "./schemas";
import { changeStatusWhere } from "./status-change";
import { assertContactCapacity } from "@/lib/billing/limits";

export type CreateContactOptions = {
  /** Where consent came from when the input does not say; the dashboard passes "dashboard". */
  consentSource?: string;
  consentIp?: string | null;
};

/**
 * Adds one contact. E-mail and phone are normalised (the phone with the org's default country),
 * custom attributes are checked against the org's declarations, and a duplicate address in the
 * org is a CONFLICT naming the field. The first history entry records the starting status.
 */
export async function createContact(actor: Actor, input: ContactFields, opts: CreateContactOptions = {}): Promise<ContactView> {
  const ctx = await loadWriteContext(db, actor.orgId);
  const data = contactInputSchema(ctx.defaultCountry).parse(input);
  const attributes = mergeAttributes(ctx.defs, data.attributes);
  const consentSource = data.consentSource ?? opts.consentSource ?? null;
  try {
    return await db.transaction(async (tx) => {
      await assertUniqueAddresses(tx, actor.orgId, data.email, data.phone);
      await assertContactCapacity(tx, actor.orgId, 1);
      const [row] = await tx
        .insert(contacts)
        .values({
          orgId: actor.orgId,
          email: data.email,
          phone: data.phone,
          firstName: data.firstName,
          lastName: data.lastName,
          timezone: data.timezone,
          tags: data.tags,
          attributes,
          operatorCode: data.operatorCode,
          notifyFrom: data.notifyFrom,
          notifyTo: data.notifyTo,
          status: data.status,
          consentSource,
          consentAt: consentSource ? sql`now()` : null,
          consentIp: consentSource ? (opts.consentIp ?? null) : null,
        })
        .returning();
      await tx.insert(contactEvents).values({ orgId: actor.orgId, contactId: row.id, kind: "created", toStatus: row.status, actorId: actor.userId });
      // A contact created as unsubscribed must be suppressed like any other unsubscribe.
      if (row.status === "unsubscribed") {
        await changeStatusWhere(tx, { orgId: actor.orgId, ids: sql`SELECT ${row.id}::bigint`, to: "unsubscribed", reason: null, actorId: actor.userId, source: "dashboard" });
      }
      return toContactView(row);
    });
  } catch (e) {
    rethrowUniqueViolation(e);
  }
}
