import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { lists } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";

/** The org's lists by name; member counts are read from the row, never counted. */
export async function listLists(actor: Actor) {
  return db
    .select({
      id: lists.id,
      name: lists.name,
      description: lists.description,
      memberCount: lists.memberCount,
      doubleOptIn: lists.doubleOptIn,
      createdAt: lists.createdAt,
    })
    .from(lists)
    .where(eq(lists.orgId, actor.orgId))
    .orderBy(asc(lists.name));
}
