import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { apiKeys, users } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { toApiKeyView, type ApiKeyView } from "./api-key-view";
import { authorize } from "./permissions";

/** The org's keys, newest first, revoked ones included (they stay for the audit trail). */
export async function listApiKeys(actor: Actor): Promise<ApiKeyView[]> {
  authorize(actor, "manageApiKeys");
  const rows = await db
    .select({ key: apiKeys, createdByName: users.name })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdById))
    .where(eq(apiKeys.orgId, actor.orgId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map((r) => toApiKeyView(r.key, r.createdByName));
}
