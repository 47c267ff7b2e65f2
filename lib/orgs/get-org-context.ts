import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { memberships, orgs, type Org, type Role } from "@/db/schema";
import type { Actor } from "./actor";

export type OrgContext = { org: Org; role: Role; actor: Actor };

/** The org named by `slug`, only if `userId` is a member of it; otherwise null (never another tenant's row). */
export async function getOrgContext(userId: string, slug: string): Promise<OrgContext | null> {
  const [row] = await db
    .select({ org: orgs, role: memberships.role })
    .from(orgs)
    .innerJoin(memberships, and(eq(memberships.orgId, orgs.id), eq(memberships.userId, userId)))
    .where(eq(orgs.slug, slug))
    .limit(1);
  if (!row) return null;
  return { org: row.org, role: row.role, actor: { userId, orgId: row.org.id, role: row.role } };
}
