"use client";

import { useActionState } from "react";
import { sendTestEmailAction } from "@/app/(dashboard)/o/[org]/templates/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { DraftContent } from "@/lib/content/templates/schemas";

/** Sends what is in the editor (saved or not) to one address, rendered with the sample contact. */
export function SendTestForm({ slug, id, defaultTo, content }: { slug: string; id: string; defaultTo: string; content: DraftContent }) {
  const [state, action] = useActionState<ActionState, FormData>(sendTestEmailAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="org" value={slug} />
      <input type="hidden" name="id" value={id} />
      {(["subject", "preheader", "html", "text"] as const).map((k) => (
        <input key={k} type="hidden" name={k} value={content[k] ?? ""} />
      ))}
      <FormMessage state={state} />
      <Field label="Send a test to" name="to" type="email" autoComplete="email" defaultValue={state.values?.to ?? defaultTo} error={state.fields?.to} hint="Rendered with the sample contact; the subject starts with [Test]." />
      <SubmitButton variant="secondary" pendingText="Sending…">
        Send test
      </SubmitButton>
    </form>
  );
}
