import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { contacts, invitations, notifications, orgs, subscriptions } from "@/db/schema";
import { applyScheduledPlans } from "@/lib/billing/apply-scheduled-plans";
import { cancelScheduledChange } from "@/lib/billing/cancel-scheduled-change";
import { changePlan } from "@/lib/billing/change-plan";
import { getBillingOverview } from "@/lib/billing/get-billing-overview";
import { assertContactCapacity, remainingContactCapacity } from "@/lib/billing/limits";
import { listNotifications, countUnreadNotifications } from "@/lib/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";
import { raiseNotification } from "@/lib/notifications/raise-notification";
import { inviteMember } from "@/lib/team/invite-member";
import { resendInvitation } from "@/lib/team/resend-invitation";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError } from "../fixtures/expect-error";

const planOf = async (orgId: string) => (await db.select({ p: orgs.plan }).from(orgs).where(eq(orgs.id, orgId)))[0].p;
const addr = () => `invitee-${Math.random().toString(36).slice(2)}@example.test`;

describe("seat limit", () => {
  it("counts members and pending invitations against the plan's seats, naming the limit and the upgrade", async () => {
    const { org, actor } = await createOrgWithOwner();
    await inviteMember(actor, { email: addr(), role: "member" }); // owner + 1 pending = Hobby's 2 seats
    const e = await expectAppError(inviteMember(actor, { email: addr(), role: "member" }), "LIMIT_REACHED");
    expect(e.message).toMatch(/Hobby plan includes 2 seats/);
    expect(e.message).toContain(`/o/${org.slug}/billing`);
    expect(await db.select().from(invitations).where(eq(invitations.orgId, org.id))).toHaveLength(1);
    // Upgrading makes room.
    await changePlan(actor, { plan: "basic" });
    await inviteMember(actor, { email: addr(), role: "member" });
  });

  it("a revoked or expired invitation frees its seat", async () => {
    const { org, actor } = await createOrgWithOwner();
    await inviteMember(actor, { email: addr(), role: "member" });
    await db.update(invitations).set({ expiresAt: sql`now() - interval '1 day'` }).where(eq(invitations.orgId, org.id));
    await inviteMember(actor, { email: addr(), role: "member" });
  });

  it("renewing an expired invitation takes a seat again, so it cannot get around the limit", async () => {
    const { org, actor } = await createOrgWithOwner();
    const { invitation: first } = await inviteMember(actor, { email: addr(), role: "member" });
    await db.update(invitations).set({ expiresAt: sql`now() - interval '1 day'` }).where(eq(invitations.id, first.id));
    await inviteMember(actor, { email: addr(), role: "member" }); // the freed seat is taken
    await expectAppError(resendInvitation(actor, { invitationId: first.id }), "LIMIT_REACHED");
    const [after] = await db.select().from(invitations).where(eq(invitations.id, first.id));
    expect(after.expiresAt.getTime()).toBeLessThan(Date.now());
    expect(org.plan).toBe("hobby");
  });
});

describe("contact limit", () => {
  it("reports remaining capacity and refuses past it, naming the limit", async () => {
    const { org } = await createOrgWithOwner();
    await db.insert(contacts).values(Array.from({ length: 498 }, (_, i) => ({ orgId: org.id, email: `c${i}@example.test` })));
    expect(await remainingContactCapacity(org.id)).toBe(2);
    expect(await db.transaction((tx) => assertContactCapacity(tx, org.id, 2))).toBe(2);
    const e = await expectAppError(db.transaction((tx) => assertContactCapacity(tx, org.id, 3)), "LIMIT_REACHED");
    expect(e.message).toMatch(/Hobby plan holds 500 contacts; only 2 more fit/);
    const other = await createOrgWithOwner();
    expect(await remainingContactCapacity(other.org.id)).toBe(500);
  });
});

describe("plan changes without Stripe (development)", () => {
  it("owners upgrade at once; admins and members cannot change the plan", async () => {
    const { org, actor } = await createOrgWithOwner();
    const admin = await addMember(org.id, "admin");
    const member = await addMember(org.id, "member");
    await expectAppError(changePlan(admin.actor, { plan: "pro" }), "FORBIDDEN");
    await expectAppError(changePlan(member.actor, { plan: "pro" }), "FORBIDDEN");
    await expect(changePlan(actor, { plan: "gold" as "pro" })).rejects.toThrow();
    await expectAppError(changePlan(actor, { plan: "hobby" }), "CONFLICT");
    const r = await changePlan(actor, { plan: "pro" });
    expect(r.message).toMatch(/nothing was charged/);
    expect(await planOf(org.id)).toBe("pro");
  });

  it("a downgrade waits for the period end, can be called off, and applies when the period is over", async () => {
    const { org, actor } = await createOrgWithOwner();
    await changePlan(actor, { plan: "premium" });
    await changePlan(actor, { plan: "basic" });
    expect(await planOf(org.id)).toBe("premium");
    await cancelScheduledChange(actor);
    expect((await db.select().from(subscriptions).where(eq(subscriptions.orgId, org.id)))[0].pendingPlan).toBeNull();
    await changePlan(actor, { plan: "hobby" });
    await db.update(orgs).set({ credits: 0 }).where(eq(orgs.id, org.id));
    await db.update(subscriptions).set({ currentPeriodEnd: sql`now() - interval '1 minute'` }).where(eq(subscriptions.orgId, org.id));
    expect(await applyScheduledPlans()).toBeGreaterThanOrEqual(1);
    expect(await planOf(org.id)).toBe("hobby");
    expect(await applyScheduledPlans()).toBe(0);
    const kinds = (await db.select().from(notifications).where(eq(notifications.orgId, org.id))).map((n) => n.kind);
    expect(kinds).toContain("subscription-cancelled");
  });

  it("the billing overview warns what a downgrade would stop, for owners and admins only", async () => {
    const { org, actor } = await createOrgWithOwner();
    await changePlan(actor, { plan: "basic" });
    for (let i = 0; i < 3; i++) await addMember(org.id, "member");
    await db.insert(contacts).values(Array.from({ length: 600 }, (_, i) => ({ orgId: org.id, email: `w${i}@example.test` })));
    const view = await getBillingOverview(actor);
    expect(view.configured).toBe(false);
    const hobby = view.plans.find((p) => p.id === "hobby")!;
    expect(hobby.warnings.join(" ")).toMatch(/4 people/);
    expect(hobby.warnings.join(" ")).toMatch(/600 contacts/);
    const admin = await addMember(org.id, "admin");
    expect((await getBillingOverview(admin.actor)).canChangePlan).toBe(false);
    await expectAppError(getBillingOverview((await addMember(org.id, "member")).actor), "FORBIDDEN");
  });
});

describe("notifications", () => {
  it("are listed, counted and marked read per user, never across orgs or below their role", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    const adminA = await addMember(a.org.id, "admin");
    const memberA = await addMember(a.org.id, "member");
    await db.transaction((tx) => raiseNotification(tx, { orgId: a.org.id, key: "test:1", kind: "test", title: "A one", body: "x" }));
    await db.transaction((tx) => raiseNotification(tx, { orgId: a.org.id, key: "test:1", kind: "test", title: "A dup", body: "x" }));
    await db.transaction((tx) => raiseNotification(tx, { orgId: a.org.id, key: "test:2", kind: "test", title: "A two", body: "x" }));
    expect(await countUnreadNotifications(a.actor)).toBe(2);
    expect(await countUnreadNotifications(memberA.actor)).toBe(0);
    expect(await countUnreadNotifications(b.actor)).toBe(0);

    const [first] = (await listNotifications(a.actor)).items;
    // B's owner using A's notification id marks nothing.
    expect(await markNotificationsRead(b.actor, { id: first.id })).toBe(0);
    expect(await markNotificationsRead(memberA.actor, { id: first.id })).toBe(0);
    expect(await countUnreadNotifications(a.actor)).toBe(2);
    expect(await markNotificationsRead(a.actor, { id: first.id })).toBe(1);
    expect(await countUnreadNotifications(a.actor)).toBe(1);
    expect(await countUnreadNotifications(adminA.actor)).toBe(2);
    expect(await markNotificationsRead(adminA.actor, { id: "all" })).toBe(2);
    expect(await countUnreadNotifications(adminA.actor)).toBe(0);
    expect((await listNotifications(b.actor)).items).toHaveLength(0);
  });
});
