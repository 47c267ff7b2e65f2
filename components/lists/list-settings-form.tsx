"use client";

import { useActionState } from "react";
import { updateListAction } from "@/app/(dashboard)/o/[org]/lists/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field, TextAreaField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { DoubleOptInCheckbox } from "./create-list-form";

type ListSettings = { id: string; name: string; description: string | null; doubleOptIn: boolean };

export function ListSettingsForm({ slug, list }: { slug: string; list: ListSettings }) {
  const [state, action] = useActionState<ActionState, FormData>(updateListAction, {});
  const v = state.values;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="org" value={slug} />
      <input type="hidden" name="listId" value={list.id} />
      <FormMessage state={state.fields ? { error: state.error } : state} />
      <Field label="Name" name="name" id="list-name" required maxLength={100} defaultValue={v?.name ?? list.name} error={state.fields?.name} />
      <TextAreaField label="Description" name="description" id="list-description" rows={2} maxLength={500} defaultValue={v?.description ?? list.description ?? ""} error={state.fields?.description} />
      <DoubleOptInCheckbox id="list-doubleOptIn" defaultChecked={v ? v.doubleOptIn === "on" : list.doubleOptIn} />
      <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
    </form>
  );
}
