import { sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { decodeId } from "@/lib/ids";
import type { Actor } from "@/lib/orgs/actor";
import { findList } from "./find-list";
import { removeMembersSchema } from "./list-schemas";
import { removeFromList } from "./membership";

/** Removes contacts (by `ct_` id) from a list in one statement; the contacts themselves stay. */
export async function removeListMembers(actor: Actor, input: z.input<typeof removeMembersSchema>) {
  const { listId, contactIds } = removeMembersSchema.parse(input);
  const ids = contactIds.map((c) => decodeId("ct", c)).filter((n): n is number => n !== null);
  return db.transaction(async (tx) => {
    const list = await findList(actor.orgId, listId, tx, true);
    if (ids.length === 0) return { removed: 0 };
    const set = sql`SELECT contacts.id FROM contacts WHERE contacts.org_id = ${actor.orgId} AND contacts.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::bigint)`;
    const { removed } = await removeFromList(tx, actor.orgId, list.id, set);
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "list.members_removed", targetType: "list", targetId: list.id, data: { removed } });
    return { removed };
  });
}
