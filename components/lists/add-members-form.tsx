"use client";

import { useActionState, useEffect, useRef } from "react";
import { addMembersAction } from "@/app/(dashboard)/o/[org]/lists/actions";
import type { ActionState } from "@/app/_lib/action";
import { Alert } from "@/components/ui/alert";
import { TextAreaField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function AddMembersForm({ slug, listId }: { slug: string; listId: string }) {
  const [state, action] = useActionState<ActionState, FormData>(addMembersAction, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok && !state.error) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} className="space-y-3" noValidate>
      <input type="hidden" name="org" value={slug} />
      <input type="hidden" name="listId" value={listId} />
      {state.ok && state.message ? <Alert tone="success">{state.message}</Alert> : null}
      {state.error && !state.fields ? <Alert tone={state.ok ? "warning" : "error"}>{state.error}</Alert> : null}
      <TextAreaField
        label="E-mail addresses"
        name="emails"
        id="add-emails"
        rows={4}
        placeholder={"ada@example.com\ngrace@example.com"}
        hint="One per line, or separated by commas. Only existing contacts are added."
        defaultValue={state.ok ? "" : state.values?.emails}
        error={state.fields?.emails}
      />
      <SubmitButton pendingText="Adding…">Add to list</SubmitButton>
    </form>
  );
}
