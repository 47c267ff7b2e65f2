import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";
import { currentUser } from "@/app/_lib/session";
import { AcceptInvitationForm } from "@/components/team/accept-invitation-form";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { getInvitationByToken, type InvitationView } from "@/lib/team/accept-invitation";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

const STATE_TEXT = {
  accepted: "This invitation was already used.",
  revoked: "This invitation was revoked.",
  expired: "This invitation has expired.",
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let invitation: InvitationView;
  try {
    invitation = await getInvitationByToken(token);
  } catch (e) {
    if (!isAppError(e)) throw e;
    return (
      <>
        <h1 className="text-xl font-semibold">Invitation not found</h1>
        <Alert tone="error" className="mt-4">
          {e.message}
        </Alert>
        <p className="mt-6 text-sm">
          <Link href="/" className="text-brand-700 hover:underline">
            Go to Herald
          </Link>
        </p>
      </>
    );
  }
  const user = await currentUser();
  const next = `/invite/${token}`;
  return (
    <>
      <h1 className="text-xl font-semibold">Join {invitation.orgName}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500">
        You were invited to {invitation.orgName} on Herald as <span className="capitalize">{invitation.role}</span>, at {invitation.email}.
      </p>
      {invitation.state !== "pending" ? (
        <Alert tone="warning">{STATE_TEXT[invitation.state]} Ask an admin of {invitation.orgName} for a new one.</Alert>
      ) : !user ? (
        <div className="space-y-3">
          <ButtonLink href={`/sign-up?email=${encodeURIComponent(invitation.email)}&next=${encodeURIComponent(next)}`} className="w-full">
            Create an account to join
          </ButtonLink>
          <ButtonLink href={`/sign-in?email=${encodeURIComponent(invitation.email)}&next=${encodeURIComponent(next)}`} variant="secondary" className="w-full">
            I already have an account
          </ButtonLink>
        </div>
      ) : user.email !== invitation.email ? (
        <div className="space-y-4">
          <Alert tone="error">
            This invitation is for {invitation.email}, but you are signed in as {user.email}. Sign out, then sign in with the invited address.
          </Alert>
          <form action={signOutAction}>
            <Button type="submit" variant="secondary" className="w-full">
              Sign out
            </Button>
          </form>
        </div>
      ) : (
        <AcceptInvitationForm token={token} orgName={invitation.orgName} />
      )}
    </>
  );
}
