"use client";

import { useActionState } from "react";
import { sendCampaignTestAction } from "@/app/(dashboard)/o/[org]/campaigns/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

/** Sends the saved draft's content, as it would go out, to one address (e-mail or phone, by channel). */
export function CampaignTestForm({ slug, id, channel, defaultTo }: { slug: string; id: string; channel: "email" | "sms"; defaultTo: string }) {
  const [state, action] = useActionState<ActionState, FormData>(sendCampaignTestAction, {});
  const email = channel === "email";
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="org" value={slug} />
      <input type="hidden" name="id" value={id} />
      <FormMessage state={state} />
      <Field
        label={email ? "E-mail address" : "Phone number"}
        name="to"
        type={email ? "email" : "tel"}
        autoComplete={email ? "email" : "tel"}
        defaultValue={state.values?.to ?? defaultTo}
        placeholder={email ? "you@example.com" : "+14155550100"}
        error={state.fields?.to}
        hint="Uses the saved draft and a sample contact."
      />
      <SubmitButton variant="secondary" pendingText="Sending…">
        Send a test
      </SubmitButton>
    </form>
  );
}
