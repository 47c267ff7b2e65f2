import { db } from "@/db";
import { apiKeys } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/orgs/actor";
import { toApiKeyView, type ApiKeyView } from "./api-key-view";
import { authorize } from "./permissions";
import { createApiKeySchema } from "./schemas";
import { DISPLAY_PREFIX_LENGTH, generateApiToken, hashApiToken } from "./token";

/**
 * Creates a key (owners and admins). The token is returned here once and never again: only its
 * SHA-256 is stored, so a leaked table authenticates nothing.
 */
export async function createApiKey(actor: Actor, input: { name: string }): Promise<{ key: ApiKeyView; token: string }> {
  authorize(actor, "manageApiKeys");
  const { name } = createApiKeySchema.parse(input);
  const token = generateApiToken();
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiKeys)
      .values({ orgId: actor.orgId, name, prefix: token.slice(0, DISPLAY_PREFIX_LENGTH), tokenHash: hashApiToken(token), createdById: actor.userId })
      .returning();
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "api_key.created", targetType: "api_key", targetId: created.id, data: { name, prefix: created.prefix } });
    return created;
  });
  return { key: toApiKeyView(row), token };
}
