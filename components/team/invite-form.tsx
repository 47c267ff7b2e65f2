"use client";

import { useActionState, useEffect, useRef } from "react";
import { inviteAction } from "@/app/(dashboard)/o/[org]/team/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function InviteForm({ slug, roles }: { slug: string; roles: string[] }) {
  const [state, action] = useActionState<ActionState, FormData>(inviteAction, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} className="space-y-3" noValidate>
      <input type="hidden" name="org" value={slug} />
      <FormMessage state={state.fields ? { error: undefined } : state} />
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start">
        <Field label="E-mail address" name="email" type="email" required placeholder="colleague@company.com" defaultValue={state.ok ? "" : state.values?.email} error={state.fields?.email} />
        <SelectField
          label="Role"
          name="role"
          defaultValue={state.values?.role ?? "member"}
          error={state.fields?.role}
          options={roles.map((r) => ({ value: r, label: r[0].toUpperCase() + r.slice(1) }))}
        />
        <SubmitButton className="sm:mt-6" pendingText="Sending…">
          Send invitation
        </SubmitButton>
      </div>
    </form>
  );
}
