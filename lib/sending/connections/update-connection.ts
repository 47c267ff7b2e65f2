import { and, eq, ne, sql } from "drizzle-orm";
import { db } from "@/db";
import { providerConnections } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { openJson, sealJson } from "@/lib/secret-box";
import { toConnectionView, type ConnectionView } from "./connection-view";
import { loadConnection } from "./load-connection";
import { authorize } from "./permissions";
import { NAME_TAKEN, isNameTaken } from "./pg-error";
import { connectionIdSchema, splitConnection, updateConnectionFieldsSchema } from "./schemas";

export type UpdateConnectionInput = { id: string } & Record<string, unknown>;

/**
 * Changes a connection's name and settings (owners and admins). The kind stays; a blank secret
 * keeps the stored one, a filled one replaces it. Any change of settings makes the connection
 * `untested` again, since the last test proved the old settings (the SendGrid webhook's
 * verification key is not one: it checks what SendGrid sends Herald, not how Herald sends).
 */
export async function updateConnection(actor: Actor, input: UpdateConnectionInput): Promise<ConnectionView> {
  authorize(actor, "manageConnections");
  const { id } = connectionIdSchema.parse(input);
  try {
    return await db.transaction(async (tx) => {
      const current = await loadConnection(tx, actor.orgId, id, { forUpdate: true });
      const data = updateConnectionFieldsSchema.parse({ ...input, kind: current.kind });
      const { name, config, secrets } = splitConnection(data);
      const merged = { ...(current.secretsEnc ? openJson(current.secretsEnc) : {}), ...secrets };
      if (data.kind === "smtp" && data.user && !merged.password) {
        throw new AppError("VALIDATION", "Some fields need attention.", { password: "Enter the password for this user." });
      }
      const [taken] = await tx
        .select({ id: providerConnections.id })
        .from(providerConnections)
        .where(and(eq(providerConnections.orgId, actor.orgId), eq(providerConnections.name, name), ne(providerConnections.id, current.id)));
      if (taken) throw new AppError("CONFLICT", NAME_TAKEN, { name: NAME_TAKEN });
      const settingsChanged = JSON.stringify(sendingSettings(config)) !== JSON.stringify(sendingSettings(current.config)) || Object.keys(secrets).length > 0;
      const [row] = await tx
        .update(providerConnections)
        .set({
          name,
          config,
          secretsEnc: Object.keys(merged).length ? sealJson(merged) : null,
          ...(settingsChanged ? { status: "untested" as const, lastError: null } : {}),
          updatedAt: sql`now()`,
        })
        .where(and(eq(providerConnections.id, current.id), eq(providerConnections.orgId, actor.orgId)))
        .returning();
      await recordAudit(tx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "provider_connection.updated",
        targetType: "provider_connection",
        targetId: row.id,
        data: { secretsReplaced: Object.keys(secrets) },
      });
      return toConnectionView(row);
    });
  } catch (e) {
    if (isNameTaken(e)) throw new AppError("CONFLICT", NAME_TAKEN, { name: NAME_TAKEN });
    throw e;
  }
}

/** The settings a connection test proves: the config without the inbound webhook's key. */
function sendingSettings(config: unknown): unknown {
  if (!config || typeof config !== "object") return config;
  const rest = { ...(config as Record<string, unknown>) };
  delete rest.webhookKey;
  return rest;
}
