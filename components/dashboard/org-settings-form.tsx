"use client";

import { useActionState } from "react";
import { updateSettingsAction } from "@/app/(dashboard)/o/[org]/settings/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field, TextAreaField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type Values = { name: string; timezone: string; defaultCountry: string; postalAddress: string; defaultSenderName: string; defaultSenderEmail: string };

export function OrgSettingsForm({ slug, initial, timezones, canEdit }: { slug: string; initial: Values; timezones: string[]; canEdit: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(updateSettingsAction, {});
  const v = (k: keyof Values) => state.values?.[k] ?? initial[k];
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="org" value={slug} />
      <FormMessage state={state} />
      <fieldset disabled={!canEdit} className="space-y-5">
        <Field label="Organization name" name="name" required defaultValue={v("name")} error={state.fields?.name} />
        <Field
          label="Default timezone"
          name="timezone"
          list="timezones"
          required
          defaultValue={v("timezone")}
          error={state.fields?.timezone}
          hint="An IANA name such as Europe/Berlin. Used for contacts without a timezone of their own."
        />
        <Field
          label="Default country for phone numbers"
          name="defaultCountry"
          maxLength={2}
          defaultValue={v("defaultCountry")}
          error={state.fields?.defaultCountry}
          hint="Two letters (DE, US, RU...). Numbers written without a country code are read as this country's."
        />
        <datalist id="timezones">
          {timezones.map((tz) => (
            <option key={tz} value={tz} />
          ))}
        </datalist>
        <TextAreaField
          label="Postal address"
          name="postalAddress"
          rows={3}
          defaultValue={v("postalAddress")}
          error={state.fields?.postalAddress}
          hint="Shown in the footer of every marketing e-mail, as CAN-SPAM requires. Campaigns cannot launch without it."
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Default sender name" name="defaultSenderName" defaultValue={v("defaultSenderName")} error={state.fields?.defaultSenderName} placeholder="Acme Team" />
          <Field
            label="Default sender address"
            name="defaultSenderEmail"
            type="email"
            defaultValue={v("defaultSenderEmail")}
            error={state.fields?.defaultSenderEmail}
            placeholder="hello@acme.com"
          />
        </div>
      </fieldset>
      {canEdit ? <SubmitButton pendingText="Saving…">Save settings</SubmitButton> : <p className="text-sm text-slate-500">Only owners and admins can change these settings.</p>}
    </form>
  );
}
