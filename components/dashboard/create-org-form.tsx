"use client";

import { useActionState, useEffect, useState } from "react";
import { createOrgAction } from "@/app/(dashboard)/onboarding/actions";
import type { ActionState } from "@/app/_lib/action";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function CreateOrgForm() {
  const [state, action] = useActionState<ActionState, FormData>(createOrgAction, {});
  const [timezone, setTimezone] = useState("");
  // The browser knows the user's timezone; it becomes the org's default (editable in settings).
  useEffect(() => setTimezone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? ""), []);
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && !state.fields ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="timezone" value={timezone} />
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
