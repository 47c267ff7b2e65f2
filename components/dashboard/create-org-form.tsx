"use client";

import { useActionState, useEffect, useRef } from "react";
import { createOrgAction } from "@/app/(dashboard)/onboarding/actions";
import type { ActionState } from "@/app/_lib/action";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function CreateOrgForm() {
  const [state, action] = useActionState<ActionState, FormData>(createOrgAction, {});
  const timezone = useRef<HTMLInputElement>(null);
  // The browser knows the user's timezone; it becomes the org's default (editable in settings).
  useEffect(() => {
    if (timezone.current) timezone.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  }, []);
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && !state.fields ? <Alert tone="error">{state.error}</Alert> : null}
      <input ref={timezone} type="hidden" name="timezone" defaultValue="" />
      <Field
        label="Organization name"
        name="name"
        required
        autoFocus
        placeholder="Acme Inc."
        defaultValue={state.values?.name}
        error={state.fields?.name}
        hint="Your team, company or project. You can rename it later."
      />
      <SubmitButton className="w-full" pendingText="Creating…">
        Create organization
      </SubmitButton>
    </form>
  );
}
