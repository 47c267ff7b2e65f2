"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { orgAction } from "@/app/_lib/action";
import { acceptInvitation } from "@/lib/team/accept-invitation";
import { changeMemberRole } from "@/lib/team/change-member-role";
import { inviteMember } from "@/lib/team/invite-member";
import { leaveOrg } from "@/lib/team/leave-org";
import { removeMember } from "@/lib/team/remove-member";
import { resendInvitation } from "@/lib/team/resend-invitation";
import { revokeInvitation } from "@/lib/team/revoke-invitation";
import { changeRoleSchema, invitationIdSchema, inviteSchema, membershipIdSchema } from "@/lib/team/schemas";
import { transferOwnership } from "@/lib/team/transfer-ownership";
import { userAction } from "@/app/_lib/action";

const refresh = (slug: string) => revalidatePath(`/o/${slug}/team`);

export const inviteAction = orgAction(inviteSchema, async (input, ctx) => {
  await inviteMember(ctx.actor, input);
  refresh(ctx.org.slug);
  return { ok: true, message: `Invitation sent to ${input.email}.` };
});

export const resendInvitationAction = orgAction(invitationIdSchema, async (input, ctx) => {
  await resendInvitation(ctx.actor, input);
  refresh(ctx.org.slug);
  return { ok: true, message: "Invitation sent again with a fresh link." };
});

export const revokeInvitationAction = orgAction(invitationIdSchema, async (input, ctx) => {
  await revokeInvitation(ctx.actor, input);
  refresh(ctx.org.slug);
  return { ok: true, message: "Invitation revoked." };
});

export const changeRoleAction = orgAction(changeRoleSchema, async (input, ctx) => {
  await changeMemberRole(ctx.actor, input);
  refresh(ctx.org.slug);
  return { ok: true, message: "Role updated." };
});

export const removeMemberAction = orgAction(membershipIdSchema, async (input, ctx) => {
  await removeMember(ctx.actor, input);
  refresh(ctx.org.slug);
  return { ok: true, message: "Member removed." };
});

export const transferOwnershipAction = orgAction(membershipIdSchema, async (input, ctx) => {
  await transferOwnership(ctx.actor, input);
  refresh(ctx.org.slug);
  return { ok: true, message: "Ownership transferred. You are now an admin." };
});

export const leaveOrgAction = orgAction(z.object({}), async (_input, ctx) => {
  await leaveOrg(ctx.actor);
  redirect("/o");
});

export const acceptInvitationAction = userAction(z.object({ token: z.string().min(20) }), async ({ token }, user) => {
  const { orgSlug } = await acceptInvitation(user.id, token);
  redirect(`/o/${orgSlug}`);
});
