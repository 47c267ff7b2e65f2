import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { memberships } from "@/db/schema";
import { listAudit } from "@/lib/audit/list-audit";
import type { Actor } from "@/lib/orgs/actor";
import { getOrgContext } from "@/lib/orgs/get-org-context";
import { updateOrgSettings } from "@/lib/orgs/update-org-settings";
import { acceptInvitation } from "@/lib/team/accept-invitation";
import { changeMemberRole } from "@/lib/team/change-member-role";
import { inviteMember } from "@/lib/team/invite-member";
import { leaveOrg } from "@/lib/team/leave-org";
import { listTeam } from "@/lib/team/list-team";
import { removeMember } from "@/lib/team/remove-member";
import { resendInvitation } from "@/lib/team/resend-invitation";
import { revokeInvitation } from "@/lib/team/revoke-invitation";
import { transferOwnership } from "@/lib/team/transfer-ownership";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { rejectionOf } from "../fixtures/expect-error";
import { orgState, systemEmailsTo } from "../fixtures/org-state";
import { AppError } from "@/lib/errors";

const freshEmail = () => `xt-${randomBytes(5).toString("hex")}@example.test`;

/**
 * Org A with an owner, an admin, a member and a pending invitation; org B with an owner and an
 * admin. B's owner is also a plain member of A, so a role from B must not carry over into A.
 */
async function twoOrgs() {
  const a = await createOrgWithOwner(undefined, { plan: "premium" });
  const aAdmin = await addMember(a.org.id, "admin");
  const aMember = await addMember(a.org.id, "member");
  const aInvite = await inviteMember(a.actor, { email: freshEmail(), role: "member" });
  const b = await createOrgWithOwner(undefined, { plan: "premium" });
  const bAdmin = await addMember(b.org.id, "admin");
  const [bOwnerInA] = await db.insert(memberships).values({ orgId: a.org.id, userId: b.owner.id, role: "member" }).returning();
  return {
    a: { ...a, ownerMembershipId: (await orgState(a.org.id)).members.find((m) => m.userId === a.owner.id)!.id, aAdmin, aMember, aInvite, bOwnerInA },
    b: { ...b, bAdmin },
  };
}

type World = Awaited<ReturnType<typeof twoOrgs>>;
type Op = { label: string; run: (actor: Actor, w: World) => Promise<unknown> };

const ops: Op[] = [
  { label: "changeMemberRole on A's member", run: (actor, w) => changeMemberRole(actor, { membershipId: w.a.aMember.membership.id, role: "admin" }) },
  { label: "changeMemberRole on A's owner", run: (actor, w) => changeMemberRole(actor, { membershipId: w.a.ownerMembershipId, role: "member" }) },
  { label: "changeMemberRole on B-owner's own membership in A", run: (actor, w) => changeMemberRole(actor, { membershipId: w.a.bOwnerInA.id, role: "admin" }) },
  { label: "removeMember on A's admin", run: (actor, w) => removeMember(actor, { membershipId: w.a.aAdmin.membership.id }) },
  { label: "removeMember on A's owner", run: (actor, w) => removeMember(actor, { membershipId: w.a.ownerMembershipId }) },
  { label: "transferOwnership to A's member", run: (actor, w) => transferOwnership(actor, { membershipId: w.a.aMember.membership.id }) },
  { label: "transferOwnership to B-owner's own membership in A", run: (actor, w) => transferOwnership(actor, { membershipId: w.a.bOwnerInA.id }) },
  { label: "revokeInvitation on A's invitation", run: (actor, w) => revokeInvitation(actor, { invitationId: w.a.aInvite.invitation.id }) },
  { label: "resendInvitation on A's invitation", run: (actor, w) => resendInvitation(actor, { invitationId: w.a.aInvite.invitation.id }) },
];

const actors = [
  { who: "B's owner", pick: (w: World) => w.b.actor, allowed: ["NOT_FOUND"] },
  { who: "B's admin", pick: (w: World) => w.b.bAdmin.actor, allowed: ["NOT_FOUND", "FORBIDDEN"] },
];

const cases = actors.flatMap((a) => ops.map((op) => ({ ...a, ...op })));

describe("org B's actors cannot touch org A's rows", () => {
  it.each(cases)("$who: $label is refused and A is unchanged", async ({ pick, run, allowed }) => {
    const w = await twoOrgs();
    const actor = pick(w);
    const aBefore = await orgState(w.a.org.id);
    const bBefore = await orgState(w.b.org.id);
    const inviteeMail = await systemEmailsTo(w.a.aInvite.invitation.email);

    const e = await rejectionOf(run(actor, w));
    expect(e).toBeInstanceOf(AppError);
    // B's owner passes every role check, so only the tenant filter can refuse: that must say NOT_FOUND.
    expect(allowed).toContain((e as AppError).code);

    expect(await orgState(w.a.org.id)).toEqual(aBefore);
    expect(await orgState(w.b.org.id)).toEqual(bBefore);
    expect(await systemEmailsTo(w.a.aInvite.invitation.email)).toHaveLength(inviteeMail.length);
  });

  it("accepting A's invitation token as B's owner is FORBIDDEN and A is unchanged", async () => {
    const w = await twoOrgs();
    const before = await orgState(w.a.org.id);
    const e = await rejectionOf(acceptInvitation(w.b.owner.id, w.a.aInvite.token));
    expect((e as AppError).code).toBe("FORBIDDEN");
    expect(await orgState(w.a.org.id)).toEqual(before);
  });

  it("inviting A's members and invitees from B writes to B only (duplicate checks are per org)", async () => {
    const w = await twoOrgs();
    const before = await orgState(w.a.org.id);
    const one = await inviteMember(w.b.actor, { email: w.a.aInvite.invitation.email, role: "admin" });
    const two = await inviteMember(w.b.actor, { email: w.a.aMember.user.email, role: "member" });
    expect(one.invitation.orgId).toBe(w.b.org.id);
    expect(two.invitation.orgId).toBe(w.b.org.id);
    expect(await orgState(w.a.org.id)).toEqual(before);
  });

  it("updating settings and leaving with B's actors change B only", async () => {
    const w = await twoOrgs();
    const before = await orgState(w.a.org.id);
    await updateOrgSettings(w.b.actor, { name: "B renamed", timezone: "Asia/Tokyo" });
    await leaveOrg(w.b.bAdmin.actor);
    expect(await orgState(w.a.org.id)).toEqual(before);
    const b = await orgState(w.b.org.id);
    expect(b.org.name).toBe("B renamed");
    expect(b.members.map((m) => m.userId)).not.toContain(w.b.bAdmin.user.id);
  });

  it("listTeam and listAudit with B's actor return only B's rows", async () => {
    const w = await twoOrgs();
    await updateOrgSettings(w.a.actor, { name: "A renamed", timezone: "UTC" });
    const a = await orgState(w.a.org.id);
    const b = await orgState(w.b.org.id);

    for (const actor of [w.b.actor, w.b.bAdmin.actor]) {
      const team = await listTeam(actor);
      expect(team.members.map((m) => m.id).sort()).toEqual(b.members.map((m) => m.id).sort());
      expect(team.members.map((m) => m.id)).not.toContain(w.a.aMember.membership.id);
      expect(team.invitations.map((i) => i.id)).not.toContain(w.a.aInvite.invitation.id);

      const audit = await listAudit(actor, { limit: 200 });
      expect(audit.entries.map((e) => e.id).sort()).toEqual(b.audit.map((e) => e.id).sort());
      const aIds = new Set(a.audit.map((e) => e.id));
      expect(audit.entries.filter((e) => aIds.has(e.id))).toEqual([]);
    }
  });

  it("getOrgContext never resolves A for a user outside it, and resolves B's owner in A as a plain member", async () => {
    const w = await twoOrgs();
    expect(await getOrgContext(w.b.bAdmin.user.id, w.a.org.slug)).toBeNull();
    const ctx = await getOrgContext(w.b.owner.id, w.a.org.slug);
    expect(ctx?.role).toBe("member");
    expect(ctx?.actor).toEqual({ userId: w.b.owner.id, orgId: w.a.org.id, role: "member" });
  });
});
