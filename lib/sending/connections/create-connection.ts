import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { providerConnections } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { sealJson } from "@/lib/secret-box";
import { toConnectionView, type ConnectionView } from "./connection-view";
import { authorize } from "./permissions";
import { NAME_TAKEN, isNameTaken } from "./pg-error";
import { createConnectionSchema, splitConnection, type ConnectionInput } from "./schemas";

/**
 * Adds a provider connection (owners and admins). Secrets are sealed with AES-256-GCM before the
 * row is written, so the database never holds them in the clear. Starts `untested`.
 */
export async function createConnection(actor: Actor, input: ConnectionInput): Promise<ConnectionView> {
  authorize(actor, "manageConnections");
  const data = createConnectionSchema.parse(input);
  if (data.kind === "smtp" && data.user && !data.password) {
    throw new AppError("VALIDATION", "Some fields need attention.", { password: "Enter the password for this user." });
  }
  const { kind, name, config, secrets } = splitConnection(data);
  try {
    return await db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: providerConnections.id })
        .from(providerConnections)
        .where(and(eq(providerConnections.orgId, actor.orgId), eq(providerConnections.name, name)));
      if (taken) throw new AppError("CONFLICT", NAME_TAKEN, { name: NAME_TAKEN });
      const [row] = await tx
        .insert(providerConnections)
        .values({ orgId: actor.orgId, name, kind, config, secretsEnc: Object.keys(secrets).length ? sealJson(secrets) : null })
        .returning();
      await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "provider_connection.created", targetType: "provider_connection", targetId: row.id, data: { kind, name } });
      return toConnectionView(row);
    });
  } catch (e) {
    if (isNameTaken(e)) throw new AppError("CONFLICT", NAME_TAKEN, { name: NAME_TAKEN });
    throw e;
  }
}
