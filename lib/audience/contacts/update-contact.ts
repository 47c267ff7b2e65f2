import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { contacts, type Contact } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { contactInputSchema } from "./contact-schema";
import { toContactView, type ContactView } from "./contact-view";
import { assertUniqueAddresses, loadWriteContext, mergeAttributes, rethrowUniqueViolation } from "./contact-write";
import { loadContactForUpdate } from "./load-contact";
import { contactIdSchema, statusReasonSchema, type ContactFields } from "./schemas";
import { changeStatusWhere } from "./status-change";

export type UpdateContactInput = Partial<ContactFields> & { id: string; statusReason?: string | null };

/** The stored contact in the shape the input schema reads, so a partial update re-validates the whole. */
function asFields(c: Contact): ContactFields {
  return {
    email: c.email,
    phone: c.phone,
    firstName: c.firstName,
    lastName: c.lastName,
    timezone: c.timezone,
    tags: c.tags,
    attributes: {},
    operatorCode: c.operatorCode,
    notifyFrom: c.notifyFrom,
    notifyTo: c.notifyTo,
    status: c.status,
    consentSource: c.consentSource,
  };
}

/**
 * Changes the given fields (omitted ones keep their value). The merged contact is validated as a
 * whole, so "notify from" must still be before "notify to". A new phone without an operator code
 * gets the one derived from it. Attributes merge over the stored ones; an empty value removes one.
 * A status change goes through the same path as changeContactStatus (history, suppressions).
 */
export async function updateContact(actor: Actor, input: UpdateContactInput): Promise<ContactView> {
  const { id } = contactIdSchema.parse(input);
  const statusReason = statusReasonSchema.parse(input.statusReason);
  const ctx = await loadWriteContext(db, actor.orgId);
  try {
    return await db.transaction(async (tx) => {
      const current = await loadContactForUpdate(tx, actor.orgId, id);
      const given = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && k !== "id" && k !== "statusReason")) as Partial<ContactFields>;
      const raw: ContactFields = { ...asFields(current), ...given };
      if (given.phone !== undefined && given.operatorCode === undefined) raw.operatorCode = null;
      const data = contactInputSchema(ctx.defaultCountry).parse(raw);
      const attributes = mergeAttributes(ctx.defs, data.attributes, current.attributes);
      await assertUniqueAddresses(tx, actor.orgId, data.email, data.phone, current.id);
      await tx
        .update(contacts)
        .set({
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
          consentSource: data.consentSource,
          updatedAt: sql`now()`,
        })
        .where(and(eq(contacts.id, current.id), eq(contacts.orgId, actor.orgId)));
      if (data.status !== current.status) {
        await changeStatusWhere(tx, {
          orgId: actor.orgId,
          ids: sql`SELECT ${current.id}::bigint`,
          to: data.status,
          reason: statusReason,
          actorId: actor.userId,
          source: "dashboard",
        });
      }
      const [row] = await tx.select().from(contacts).where(and(eq(contacts.id, current.id), eq(contacts.orgId, actor.orgId)));
      return toContactView(row);
    });
  } catch (e) {
    rethrowUniqueViolation(e);
  }
}

