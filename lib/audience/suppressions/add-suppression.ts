import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { orgs } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { encodeId } from "@/lib/ids";
import type { Actor } from "@/lib/orgs/actor";
import { requireSuppressionManager } from "./permissions";
import { addSuppressionSchema, normalizeAddress } from "./schemas";
import { suppressAddresses } from "./suppress-addresses";

/**
 * Suppresses one address by hand. A contact with that address keeps its status on purpose:
 * suppression is the gate every send passes through, so the address gets nothing whatever the
 * contact's status says, and the contact's status history stays a record of what the person did
 * (they did not unsubscribe; someone in the team stopped mail to them). Removing the suppression
 * later therefore restores exactly the situation before it.
 */
export async function addSuppression(actor: Actor, input: z.input<typeof addSuppressionSchema>) {
  requireSuppressionManager(actor, "add suppressions");
  const { channel, address: raw, reason, source } = addSuppressionSchema.parse(input);
  return db.transaction(async (tx) => {
    const [org] = await tx.select({ defaultCountry: orgs.defaultCountry }).from(orgs).where(eq(orgs.id, actor.orgId));
    const normalized = normalizeAddress(channel, raw, org?.defaultCountry);
    if (!normalized.ok) {
      const message = channel === "email" ? "Enter a valid e-mail address." : "Enter a valid phone number, with its country code if it is not local.";
      throw new AppError("VALIDATION", message, { address: message });
    }
    const [row] = await suppressAddresses(tx, actor.orgId, [{ channel, address: normalized.address }], reason, source ?? "dashboard");
    if (!row) return { added: false as const, address: normalized.address };
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: "suppression.added",
      targetType: "suppression",
      targetId: encodeId("sup", row.id),
      data: { channel, address: normalized.address, reason },
    });
    return { added: true as const, address: normalized.address, id: encodeId("sup", row.id) };
  });
}
