import { sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import type { Actor } from "@/lib/orgs/actor";
import { toContactView, type ContactView } from "./contact-view";
import { loadContact, loadContactForUpdate } from "./load-contact";
import { changeStatusSchema } from "./schemas";
import { changeStatusWhere } from "./status-change";

/**
 * Sets a contact's status with a reason. Writes a history entry when the status changes;
 * unsubscribing also suppresses the contact's e-mail and phone, so no send reaches them even if
 * the contact is later re-imported. Resubscribing does not lift a suppression: that is an
 * admin's decision on the suppressions page.
 */
export async function changeContactStatus(actor: Actor, input: z.input<typeof changeStatusSchema>): Promise<ContactView> {
  const { id, status, reason } = changeStatusSchema.parse(input);
  return db.transaction(async (tx) => {
    const current = await loadContactForUpdate(tx, actor.orgId, id);
    await changeStatusWhere(tx, { orgId: actor.orgId, ids: sql`SELECT ${current.id}::bigint`, to: status, reason, actorId: actor.userId, source: "dashboard" });
    return toContactView(await loadContact(tx, actor.orgId, id));
  });
}
