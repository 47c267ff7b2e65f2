import type { Metadata } from "next";
import { requireOrg } from "@/app/_lib/session";
import { InviteForm } from "@/components/team/invite-form";
import { RoleSelect } from "@/components/team/role-select";
import { RowAction } from "@/components/ui/row-action";
import { Badge } from "@/components/ui/badge";
import { DataTable, Th } from "@/components/ui/data-table";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { atLeast, ROLES } from "@/lib/orgs/actor";
import { listTeam } from "@/lib/team/list-team";
import {
  leaveOrgAction,
  removeMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
  transferOwnershipAction,
} from "./actions";

export const metadata: Metadata = { title: "Team" };

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });

export default async function TeamPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role, actor, user } = await requireOrg(slug);
  const { members, invitations } = await listTeam(actor);
  const canManage = atLeast(role, "admin");
  const grantable = ROLES.filter((r) => atLeast(role, r));
  const ownerCount = members.filter((m) => m.role === "owner").length;

  return (
    <>
      <PageHeader title="Team" description={`People who can work in ${org.name}. Owners and admins manage the team; members work with campaigns and contacts.`} />
      <div className="space-y-6">
        {canManage ? (
          <Card>
            <CardHeader title="Invite a teammate" description="They get an e-mail with a link that works once and expires in 7 days." />
            <CardBody>
              <InviteForm slug={org.slug} roles={grantable} />
            </CardBody>
          </Card>
        ) : null}

        <Card>
          <CardHeader title={`Members (${members.length})`} />
          <DataTable
            head={
              <>
              <Th>Name</Th>
              <Th>Role</Th>
              <Th className="hidden md:table-cell">Joined</Th>
              <Th className="hidden text-right sm:table-cell">
                <span className="sr-only">Actions</span>
              </Th>
              </>
            }
          >
            {members.map((m) => {
              const isMe = m.userId === user.id;
              const canEdit = canManage && !isMe && atLeast(role, m.role);
              const actions = (
                <div className="flex flex-wrap gap-2 sm:justify-end">
                  {role === "owner" && !isMe ? (
                    <RowAction
                      action={transferOwnershipAction}
                      fields={{ org: org.slug, membershipId: m.id }}
                      label="Make owner"
                      variant="ghost"
                      srLabel={`Transfer ownership to ${m.email}`}
                      confirm={`Make ${m.email} the owner? You will become an admin.`}
                    />
                  ) : null}
                  {canEdit && !(m.role === "owner" && ownerCount <= 1) ? (
                    <RowAction
                      action={removeMemberAction}
                      fields={{ org: org.slug, membershipId: m.id }}
                      label="Remove"
                      variant="danger"
                      srLabel={`Remove ${m.email}`}
                      confirm={`Remove ${m.email} from ${org.name}?`}
                    />
                  ) : null}
                </div>
              );
              return (
                <tr key={m.id} data-testid="member-row">
                  <td className="px-5 py-3">
                    <div className="font-medium text-slate-900">
                      {m.name || m.email} {isMe ? <Badge tone="brand">You</Badge> : null}
                    </div>
                    <div className="break-all text-slate-500">{m.email}</div>
                    <div className="mt-2 sm:hidden">{actions}</div>
                  </td>
                  <td className="px-5 py-3">
                    {canEdit ? (
                      <RoleSelect slug={org.slug} membershipId={m.id} role={m.role} roles={grantable} label={`Role of ${m.email}`} />
                    ) : (
                      <span className="capitalize">{m.role}</span>
                    )}
                  </td>
                  <td className="hidden px-5 py-3 text-slate-500 md:table-cell">{dateFmt.format(m.joinedAt)}</td>
                  <td className="hidden px-5 py-3 sm:table-cell">{actions}</td>
                </tr>
              );
            })}
          </DataTable>
        </Card>

        <Card>
          <CardHeader title="Pending invitations" />
          <CardBody>
            {invitations.length === 0 ? (
              <EmptyState title="No pending invitations">
                {canManage ? "Invite a teammate above; their invitation waits here until they accept." : "Owners and admins can invite teammates."}
              </EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100">
                {invitations.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="invitation-row">
                    <div>
                      <p className="font-medium text-slate-900">{i.email}</p>
                      <p className="text-sm text-slate-500">
                        <span className="capitalize">{i.role}</span> ·{" "}
                        {i.expired ? <Badge tone="amber">Expired</Badge> : `expires ${dateFmt.format(i.expiresAt)}`}
                      </p>
                    </div>
                    {canManage ? (
                      <div className="flex gap-2">
                        <RowAction action={resendInvitationAction} fields={{ org: org.slug, invitationId: i.id }} label="Resend" srLabel={`Resend invitation to ${i.email}`} />
                        <RowAction
                          action={revokeInvitationAction}
                          fields={{ org: org.slug, invitationId: i.id }}
                          label="Revoke"
                          variant="danger"
                          srLabel={`Revoke invitation to ${i.email}`}
                          confirm={`Revoke the invitation to ${i.email}?`}
                        />
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Leave organization"
            description={
              role === "owner" && ownerCount <= 1
                ? "You are the only owner: make someone else owner before you leave."
                : `You will lose access to ${org.name} until someone invites you again.`
            }
            action={
              <RowAction action={leaveOrgAction} fields={{ org: org.slug }} label="Leave" variant="danger" confirm={`Leave ${org.name}?`} />
            }
          />
        </Card>
      </div>
    </>
  );
}
