import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db";
import { apiKeys } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { toApiKeyView, type ApiKeyView } from "./api-key-view";
import { authorize } from "./permissions";
import { API_KEY_NOT_FOUND, apiKeyIdSchema } from "./schemas";

/**
 * Revokes a key (owners and admins): it stops authenticating on its next request. Revoking an
 * already revoked key changes nothing and answers the key as it is (a double click is harmless).
 */
export async function revokeApiKey(actor: Actor, input: { id: string }): Promise<ApiKeyView> {
  authorize(actor, "manageApiKeys");
  const { id } = apiKeyIdSchema.parse(input);
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, actor.orgId), isNull(apiKeys.revokedAt)))
      .returning();
    if (revoked) {
      await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "api_key.revoked", targetType: "api_key", targetId: id, data: { name: revoked.name, prefix: revoked.prefix } });
      return toApiKeyView(revoked);
    }
    const [existing] = await tx.select().from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, actor.orgId)));
    if (!existing) throw new AppError("NOT_FOUND", API_KEY_NOT_FOUND);
    return toApiKeyView(existing);
  });
}
