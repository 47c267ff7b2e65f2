"use client";

import Link from "next/link";
import { useActionState } from "react";
import { linkSignInAction, type SignInState } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function LinkSignIn({ token, next }: { token: string; next?: string }) {
  const [state, action] = useActionState<SignInState, FormData>(linkSignInAction, {});
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="next" value={next ?? ""} />
      {state.error ? (
        <Alert tone="error">
          {state.error}{" "}
          <Link href="/sign-in" className="font-medium underline">
            Back to sign in
          </Link>
        </Alert>
      ) : null}
      <SubmitButton className="w-full" autoFocus pendingText="Signing in…">
        Sign in to Herald
      </SubmitButton>
    </form>
  );
}
