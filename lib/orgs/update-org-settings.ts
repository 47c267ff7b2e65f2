import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { orgs } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireRole, type Actor } from "./actor";
import { orgSettingsSchema } from "./schemas";

export async function updateOrgSettings(actor: Actor, input: z.input<typeof orgSettingsSchema>) {
  requireRole(actor, "admin", "change the organization's settings");
  const data = orgSettingsSchema.parse(input);
  return db.transaction(async (tx) => {
    const [org] = await tx
      .update(orgs)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(orgs.id, actor.orgId))
      .returning();
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.userId, action: "org.settings_updated", targetType: "org", targetId: actor.orgId, data });
    return org;
  });
}
