import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, memberships, orgs, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { PLANS } from "@/lib/billing/plans";

export const DEMO = {
  email: "demo@herald.test",
  password: "herald-demo",
  teammate: "teammate@herald.test",
  orgName: "Acme",
  orgSlug: "acme",
} as const;

/**
 * Demo data: a user demo@herald.test (password herald-demo) owning "Acme", with a second
 * member. Does nothing when any user exists, so it never touches real data.
 */
export async function seedDemo(): Promise<{ seeded: boolean }> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (n > 0) return { seeded: false };
  const passwordHash = await hashPassword(DEMO.password);
  await db.transaction(async (tx) => {
    const [owner] = await tx.insert(users).values({ email: DEMO.email, name: "Dana Demo", emailVerified: new Date(), passwordHash }).returning();
    const [mate] = await tx.insert(users).values({ email: DEMO.teammate, name: "Toni Teammate", emailVerified: new Date(), passwordHash }).returning();
    const [org] = await tx
      .insert(orgs)
      .values({
        name: DEMO.orgName,
        slug: DEMO.orgSlug,
        plan: "hobby",
        credits: PLANS.hobby.monthlyCredits ?? 0,
        timezone: "Europe/Berlin",
        postalAddress: "Acme Inc., 1 Market Street, San Francisco, CA 94105, USA",
        defaultSenderName: "Acme",
        defaultSenderEmail: "hello@acme.test",
      })
      .returning();
    await tx.insert(memberships).values([
      { orgId: org.id, userId: owner.id, role: "owner" },
      { orgId: org.id, userId: mate.id, role: "member" },
    ]);
    await tx.insert(auditLog).values({ orgId: org.id, actorId: owner.id, action: "org.created", targetType: "org", targetId: org.id, data: { name: org.name, seeded: true } });
  });
  return { seeded: true };
}

export async function demoOrgExists() {
  const [row] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, DEMO.orgSlug));
  return Boolean(row);
}
