import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { contactEvents, contacts, suppressions } from "@/db/schema";
import { releaseMemberships } from "@/lib/audience/lists/membership";
import { addressHash } from "@/lib/audience/suppressions/address-hash";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/orgs/actor";
import { contactPublicId } from "./contact-id";
import { loadContactForUpdate } from "./load-contact";
import { authorize } from "./permissions";
import { contactIdSchema } from "./schemas";

/**
 * "Delete and forget" (GDPR erasure, admins and owners): the contact, its history and its list
 * memberships go, and each of its addresses stays suppressed only as a hash, so a later import
 * or subscribe cannot mail them again while nothing readable is kept. An existing suppression of
 * the same address forgets the address too, and so do refused import rows that carry it.
 */
export async function eraseContact(actor: Actor, input: { id: string }) {
  authorize(actor, "eraseContacts");
  const { id } = contactIdSchema.parse(input);
  await db.transaction(async (tx) => {
    const contact = await loadContactForUpdate(tx, actor.orgId, id);
    const addresses = [
      contact.email ? { channel: "email" as const, hash: addressHash(contact.email) } : null,
      contact.phone ? { channel: "sms" as const, hash: addressHash(contact.phone) } : null,
    ].filter((a) => a !== null);
    if (addresses.length) {
      await tx
        .insert(suppressions)
        .values(addresses.map((a) => ({ orgId: actor.orgId, channel: a.channel, address: null, addressHash: a.hash, reason: "erased" as const, source: "erasure" })))
        .onConflictDoUpdate({
          target: [suppressions.orgId, suppressions.channel, suppressions.addressHash],
          set: { address: null, reason: "erased", source: "erasure" },
        });
    }
    // Refused import rows keep their raw cells for the failed-rows download: those that carry
    // one of the addresses go too.
    const raw = [contact.email, contact.phone].filter((a): a is string => Boolean(a)).map((a) => a.toLowerCase());
    if (raw.length) {
      await tx.execute(
        sql`DELETE FROM import_errors e WHERE e.org_id = ${actor.orgId}
              AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.raw) cell
                          WHERE lower(trim(cell)) IN (${sql.join(raw.map((a) => sql`${a}`), sql`, `)}))`,
      );
    }
    await releaseMemberships(tx, actor.orgId, sql`SELECT ${contact.id}::bigint`);
    await tx.delete(contactEvents).where(and(eq(contactEvents.contactId, contact.id), eq(contactEvents.orgId, actor.orgId)));
    await tx.delete(contacts).where(and(eq(contacts.id, contact.id), eq(contacts.orgId, actor.orgId)));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: "contact.erased",
      targetType: "contact",
      targetId: contactPublicId(contact.id),
      data: { channels: addresses.map((a) => a.channel) },
    });
  });
}
