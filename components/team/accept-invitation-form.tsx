"use client";

import { useActionState } from "react";
import { acceptInvitationAction } from "@/app/(dashboard)/o/[org]/team/actions";
import type { ActionState } from "@/app/_lib/action";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function AcceptInvitationForm({ token, orgName }: { token: string; orgName: string }) {
  const [state, action] = useActionState<ActionState, FormData>(acceptInvitationAction, {});
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <SubmitButton className="w-full" autoFocus pendingText="Joining…">
        Join {orgName}
      </SubmitButton>
    </form>
  );
}
