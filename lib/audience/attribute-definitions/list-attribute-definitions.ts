import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { contactAttributes } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";

/** The org's declared custom attributes, in the order they were declared. */
export async function listAttributeDefinitions(actor: Actor) {
  return db
    .select({ id: contactAttributes.id, key: contactAttributes.key, label: contactAttributes.label, type: contactAttributes.type, createdAt: contactAttributes.createdAt })
    .from(contactAttributes)
    .where(eq(contactAttributes.orgId, actor.orgId))
    .orderBy(asc(contactAttributes.createdAt), asc(contactAttributes.key));
}

export type AttributeDefinition = Awaited<ReturnType<typeof listAttributeDefinitions>>[number];
