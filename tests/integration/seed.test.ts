import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { campaigns, contacts, listMembers, lists, memberships, orgs, segments, users } from "@/db/schema";
import { DEMO, seedDemo } from "@/db/seed";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { countSegment } from "@/lib/audience/segments/count-segment";
import { reviewCampaign } from "@/lib/campaigns/review-campaign";

// Seeding only ever touches an empty database, so this runs on the per-file PGlite only.
describe.runIf(!process.env.DATABASE_URL)("demo seed", () => {
  it("creates the demo account, Acme with a second member, and a usable audience; a second run adds nothing", async () => {
    expect(await seedDemo()).toEqual({ seeded: true });
    const user = await signInWithPassword({ email: DEMO.email, password: DEMO.password });
    const [org] = await db.select().from(orgs).where(eq(orgs.slug, DEMO.orgSlug));
    expect(await db.select().from(memberships).where(eq(memberships.orgId, org.id))).toHaveLength(2);

    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(eq(contacts.orgId, org.id));
    expect(n).toBe(240);
    const [list] = await db.select().from(lists).where(eq(lists.orgId, org.id));
    const [{ m }] = await db.select({ m: sql<number>`count(*)::int` }).from(listMembers).where(and(eq(listMembers.listId, list.id)));
    expect(list.memberCount).toBe(m);
    expect(m).toBeGreaterThan(50);

    const [segment] = await db.select().from(segments).where(eq(segments.orgId, org.id));
    const actor = { userId: user.id, orgId: org.id, role: "owner" as const };
    const { count } = await countSegment(actor, { rules: segment.rules });
    expect(count).toBe(24); // every tenth contact is tagged vip

    // A draft campaign to the list that is ready to launch: template, sender, postal address.
    const [campaign] = await db.select().from(campaigns).where(eq(campaigns.orgId, org.id));
    const review = await reviewCampaign(actor, { id: campaign.id });
    expect(review.problems).toEqual([]);
    expect(review.recipients).toBe(m);

    expect(await seedDemo()).toEqual({ seeded: false });
    expect(await db.select().from(users)).toHaveLength(2);
  });
});
