"use client";

import { useActionState } from "react";
import { createApiKeyAction, type CreateApiKeyState } from "@/app/(dashboard)/o/[org]/api-keys/actions";
import { CopyField } from "@/components/lists/copy-field";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

/** Names a new key; after creating it, shows the token once with a copy button. */
export function CreateApiKeyForm({ slug }: { slug: string }) {
  const [state, action] = useActionState<CreateApiKeyState, FormData>(createApiKeyAction, {});
  return (
    <div className="space-y-4">
      {state.token ? (
        <div className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-4" data-testid="new-api-key">
          <p className="text-sm font-medium text-amber-900">{state.message}</p>
          <CopyField id="new-api-key" label="Your new API key" value={state.token} />
          <p className="text-xs text-amber-900">Store it in your integration&apos;s secrets. If it is lost, revoke it and create another.</p>
        </div>
      ) : state.error ? (
        <Alert tone="error">{state.error}</Alert>
      ) : null}
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
        <input type="hidden" name="org" value={slug} />
        <Field
          label="Name"
          name="name"
          className="min-w-64 flex-1"
          placeholder="Zapier, reporting script…"
          maxLength={80}
          required
          defaultValue={state.token ? "" : state.values?.name}
          error={state.fields?.name}
          hint="Say where the key is used, so you know what stops working if you revoke it."
        />
        <SubmitButton pendingText="Creating…">Create key</SubmitButton>
      </form>
    </div>
  );
}
