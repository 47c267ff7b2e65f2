import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { contacts } from "@/db/schema";
import { releaseMemberships } from "@/lib/audience/lists/membership";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/orgs/actor";
import { contactPublicId } from "./contact-id";
import { loadContactForUpdate } from "./load-contact";
import { authorize } from "./permissions";
import { contactIdSchema } from "./schemas";

/**
 * Deletes a contact and its history (admins and owners). Its addresses are not suppressed: a
 * later import may add them again. "Delete and forget" (eraseContact) is the one that keeps them out.
 */
export async function deleteContact(actor: Actor, input: { id: string }) {
  authorize(actor, "deleteContacts");
  const { id } = contactIdSchema.parse(input);
  await db.transaction(async (tx) => {
    const contact = await loadContactForUpdate(tx, actor.orgId, id);
    await releaseMemberships(tx, actor.orgId, sql`SELECT ${contact.id}::bigint`);
    await tx.delete(contacts).where(and(eq(contacts.id, contact.id), eq(contacts.orgId, actor.orgId)));
    // The audit entry names the contact by id only: an address in the log would outlive the contact.
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "contact.deleted", targetType: "contact", targetId: contactPublicId(contact.id) });
  });
}
