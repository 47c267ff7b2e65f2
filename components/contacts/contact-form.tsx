"use client";

import { useActionState } from "react";
import { createContactAction, updateContactAction } from "@/app/(dashboard)/o/[org]/contacts/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export type ContactFormValues = {
  email: string;
  phone: string;
  firstName: string;
  lastName: string;
  timezone: string;
  tags: string;
  notifyFrom: string;
  notifyTo: string;
  operatorCode: string;
  status: string;
  attributes: Record<string, string>;
};

type AttributeDef = { key: string; label: string; type: "text" | "number" | "date" | "boolean" };

const EMPTY: ContactFormValues = { email: "", phone: "", firstName: "", lastName: "", timezone: "", tags: "", notifyFrom: "", notifyTo: "", operatorCode: "", status: "subscribed", attributes: {} };
// Spelled out here so the client bundle does not pull in the server-side contact schema (libphonenumber).
const statusOptions = ["subscribed", "pending", "unsubscribed", "bounced", "complained"].map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) }));

/** Create and edit share one form; on a refused save every field keeps what was typed. */
export function ContactForm({
  slug,
  contactId,
  initial = EMPTY,
  attributes,
  timezones,
  defaultCountry,
}: {
  slug: string;
  contactId?: string;
  initial?: ContactFormValues;
  attributes: AttributeDef[];
  timezones: string[];
  defaultCountry: string | null;
}) {
  const [state, action] = useActionState<ActionState, FormData>(contactId ? updateContactAction : createContactAction, {});
  const v = (k: Exclude<keyof ContactFormValues, "attributes">) => state.values?.[k] ?? initial[k];
  const attr = (key: string) => state.values?.[`attributes.${key}`] ?? initial.attributes[key] ?? "";
  const err = (k: string) => state.fields?.[k];
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="org" value={slug} />
      {contactId ? <input type="hidden" name="id" value={contactId} /> : null}
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="E-mail address" name="email" type="email" autoComplete="off" defaultValue={v("email")} error={err("email")} hint="An e-mail address or a phone number is needed." />
        <Field
          label="Phone"
          name="phone"
          type="tel"
          autoComplete="off"
          defaultValue={v("phone")}
          error={err("phone")}
          hint={defaultCountry ? `With its country code, or a ${defaultCountry} number.` : "With its country code, such as +49 30 1234567."}
        />
        <Field label="First name" name="firstName" defaultValue={v("firstName")} error={err("firstName")} />
        <Field label="Last name" name="lastName" defaultValue={v("lastName")} error={err("lastName")} />
        <Field label="Timezone" name="timezone" list="contact-timezones" defaultValue={v("timezone")} error={err("timezone")} hint="An IANA name such as Europe/Berlin. Empty: the organization's." />
        <Field label="Tags" name="tags" defaultValue={v("tags")} error={err("tags")} hint="Separated by commas." />
        <Field label="Notify from" name="notifyFrom" type="time" defaultValue={v("notifyFrom")} error={err("notifyFrom")} hint="Local time; leave both empty for any time." />
        <Field label="Notify to" name="notifyTo" type="time" defaultValue={v("notifyTo")} error={err("notifyTo")} />
        <Field label="Mobile operator code" name="operatorCode" defaultValue={v("operatorCode")} error={err("operatorCode")} hint="Empty: derived from the phone number where the numbering plan says." />
      </div>
      <datalist id="contact-timezones">
        {timezones.map((tz) => (
          <option key={tz} value={tz} />
        ))}
      </datalist>
      {attributes.length ? (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-900">Custom attributes</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            {attributes.map((a) =>
              a.type === "boolean" ? (
                <SelectField
                  key={a.key}
                  label={a.label}
                  name={`attributes.${a.key}`}
                  id={`attr-${a.key}`}
                  defaultValue={attr(a.key)}
                  error={err(`attributes.${a.key}`)}
                  options={[
                    { value: "", label: "Not set" },
                    { value: "true", label: "Yes" },
                    { value: "false", label: "No" },
                  ]}
                />
              ) : (
                <Field
                  key={a.key}
                  label={a.label}
                  name={`attributes.${a.key}`}
                  id={`attr-${a.key}`}
                  type={a.type === "number" ? "number" : a.type === "date" ? "date" : "text"}
                  step={a.type === "number" ? "any" : undefined}
                  defaultValue={attr(a.key)}
                  error={err(`attributes.${a.key}`)}
                />
              ),
            )}
          </div>
        </fieldset>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Status" name="status" defaultValue={v("status")} error={err("status")} options={statusOptions} />
        {contactId ? (
          <Field label="Reason for a status change" name="statusReason" defaultValue={state.values?.statusReason ?? ""} error={err("statusReason")} hint="Kept in the status history." />
        ) : null}
      </div>
      <SubmitButton pendingText="Saving…">{contactId ? "Save contact" : "Add contact"}</SubmitButton>
    </form>
  );
}
