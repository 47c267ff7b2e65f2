"use client";

import { useActionState, useEffect, useRef } from "react";
import { setPasswordAction, updateProfileAction } from "@/app/(dashboard)/account/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function ProfileForm({ name }: { name: string }) {
  const [state, action] = useActionState<ActionState, FormData>(updateProfileAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state.fields ? {} : state} />
      <Field label="Your name" name="name" autoComplete="name" defaultValue={state.values?.name ?? name} error={state.fields?.name} />
      <SubmitButton pendingText="Saving…">Save profile</SubmitButton>
    </form>
  );
}

export function PasswordForm({ hasPassword, email }: { hasPassword: boolean; email: string }) {
  const [state, action] = useActionState<ActionState, FormData>(setPasswordAction, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} className="space-y-4" noValidate>
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormMessage state={state.fields ? {} : state} />
      {hasPassword ? (
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={state.fields?.currentPassword} />
      ) : null}
      <Field label={hasPassword ? "New password" : "Password"} name="password" type="password" autoComplete="new-password" required error={state.fields?.password} hint="At least 8 characters." />
      <Field label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required error={state.fields?.confirm} />
      <SubmitButton pendingText="Saving…">{hasPassword ? "Change password" : "Set password"}</SubmitButton>
    </form>
  );
}
