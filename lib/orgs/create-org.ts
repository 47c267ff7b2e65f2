import { eq, like, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { memberships, orgs, type Org } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { PLANS } from "@/lib/billing/plans";
import { refillCredits } from "@/lib/billing/refill-credits";
import { createOrgSchema } from "./schemas";
import { RESERVED_SLUGS, slugify } from "./slugify";

/** Creates an org on the Hobby plan with its monthly credits; the creator becomes its owner. */
export async function createOrg(userId: string, input: { name: string; timezone?: string }): Promise<Org> {
  const { name } = createOrgSchema.parse(input);
  const base = slugify(name);
  return db.transaction(async (tx) => {
    // Two orgs created at once with the same name must not both pick the same free slug.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"org-slug:" + base}))`);
    const taken = new Set(
      (await tx.select({ slug: orgs.slug }).from(orgs).where(or(eq(orgs.slug, base), like(orgs.slug, `${base}-%`)))).map((r) => r.slug),
    );
    let slug = base;
    for (let i = 2; taken.has(slug) || RESERVED_SLUGS.has(slug); i++) slug = `${base}-${i}`;
    const [org] = await tx
      .insert(orgs)
      .values({ name, slug, plan: "hobby", credits: PLANS.hobby.monthlyCredits ?? 0, timezone: input.timezone ?? "UTC" })
      .returning();
    await tx.insert(memberships).values({ orgId: org.id, userId, role: "owner" });
    // The opening grant goes in the ledger with the org, so its balance is explained from day one.
    await refillCredits({ orgId: org.id, tx });
    await recordAudit(tx, { orgId: org.id, actorId: userId, action: "org.created", targetType: "org", targetId: org.id, data: { name } });
    return org;
  });
}
