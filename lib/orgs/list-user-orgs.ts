import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { memberships, orgs } from "@/db/schema";

export async function listUserOrgs(userId: string) {
  return db
    .select({ id: orgs.id, name: orgs.name, slug: orgs.slug, role: memberships.role, plan: orgs.plan })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(orgs.name));
}
