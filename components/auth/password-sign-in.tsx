"use client";

import { useActionState } from "react";
import { passwordSignInAction, type SignInState } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function PasswordSignIn({ next, defaultEmail }: { next?: string; defaultEmail?: string }) {
  const [state, action] = useActionState<SignInState, FormData>(passwordSignInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next ?? ""} />
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field
        label="E-mail"
        name="email"
        id="pw-email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email ?? defaultEmail}
        error={state.fields?.email}
      />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={state.fields?.password} />
      <SubmitButton className="w-full" variant="secondary" pendingText="Signing in…">
        Sign in with password
      </SubmitButton>
    </form>
  );
}
