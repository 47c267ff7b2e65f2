import { and, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { db, query, type Tx } from "@/db";
import { lists } from "@/db/schema";
import { addToList, releaseMemberships, removeFromList } from "@/lib/audience/lists/membership";
import { normalizeTags } from "@/lib/audience/normalize";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { resolveTarget } from "./contact-target";
import { authorize } from "./permissions";
import { bulkContactsSchema, type BulkAction } from "./schemas";
import { changeStatusWhere } from "./status-change";

async function loadListId(tx: Tx, orgId: string, listId: string) {
  const [row] = await tx.select({ id: lists.id }).from(lists).where(and(eq(lists.id, listId), eq(lists.orgId, orgId)));
  if (!row) throw new AppError("NOT_FOUND", "That list does not exist in this organization.", { listId: "Choose one of your lists." });
  return row.id;
}

function oneTag(raw: string | undefined) {
  const tags = normalizeTags([raw]);
  if (tags.length !== 1) throw new AppError("VALIDATION", "Enter one tag.", { tag: "Enter one tag, without commas." });
  return tags[0];
}

async function updateTags(tx: Tx, orgId: string, ids: SQL, tag: string, add: boolean) {
  const [row] = await query<{ n: number }>(
    add
      ? sql`WITH u AS (UPDATE contacts SET tags = array_append(tags, ${tag}::text), updated_at = now()
            WHERE org_id = ${orgId} AND id IN (${ids}) AND NOT (tags @> ARRAY[${tag}::text]) RETURNING 1)
            SELECT count(*)::int AS n FROM u`
      : sql`WITH u AS (UPDATE contacts SET tags = array_remove(tags, ${tag}::text), updated_at = now()
            WHERE org_id = ${orgId} AND id IN (${ids}) AND tags @> ARRAY[${tag}::text] RETURNING 1)
            SELECT count(*)::int AS n FROM u`,
    tx,
  );
  return row?.n ?? 0;
}

async function deleteWhere(tx: Tx, orgId: string, ids: SQL) {
  await releaseMemberships(tx, orgId, ids);
  const [row] = await query<{ n: number }>(sql`WITH d AS (DELETE FROM contacts WHERE org_id = ${orgId} AND id IN (${ids}) RETURNING 1) SELECT count(*)::int AS n FROM d`, tx);
  return row?.n ?? 0;
}

/**
 * One action over a selection of contacts or over everything the current filter matches. Each
 * action is one set-based statement (list actions go through the membership writers so list
 * counts stay right), however many contacts it touches. `affected` counts the contacts that
 * actually changed. Deleting needs an admin; everything else any member may do.
 */
export async function bulkContacts(actor: Actor, input: z.input<typeof bulkContactsSchema>): Promise<{ action: BulkAction; affected: number }> {
  const { action, tag, listId, target } = bulkContactsSchema.parse(input);
  if (action === "delete") authorize(actor, "deleteContacts");
  const orgId = actor.orgId;
  // Deleting reads the target twice (memberships, then contacts): one snapshot makes both agree.
  const isolationLevel = action === "delete" ? "repeatable read" : "read committed";
  const affected = await db.transaction(
    async (tx) => {
      const ids = await resolveTarget(tx, orgId, target);
      switch (action) {
        case "tag":
          return updateTags(tx, orgId, ids, oneTag(tag), true);
        case "untag":
          return updateTags(tx, orgId, ids, oneTag(tag), false);
        case "add_to_list":
          return (await addToList(tx, orgId, await loadListId(tx, orgId, listId!), ids)).added;
        case "remove_from_list":
          return (await removeFromList(tx, orgId, await loadListId(tx, orgId, listId!), ids)).removed;
        case "unsubscribe":
          return (await changeStatusWhere(tx, { orgId, ids, to: "unsubscribed", reason: "Bulk unsubscribe", actorId: actor.userId, source: "dashboard" })).changed;
        case "delete": {
          const n = await deleteWhere(tx, orgId, ids);
          await recordAudit(tx, { orgId, actorId: actor.userId, action: "contacts.bulk_deleted", targetType: "contact", data: { count: n, scope: "filter" in target ? "filter" : "selection" } });
          return n;
        }
      }
    },
    { isolationLevel },
  );
  return { action, affected };
}
