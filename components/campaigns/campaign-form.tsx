"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { createCampaignAction, updateCampaignAction } from "@/app/(dashboard)/o/[org]/campaigns/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Field, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CapProgress } from "@/components/senders/cap-progress";
import { AudiencePicker, type AudienceOption } from "./audience-picker";

type Channel = "email" | "sms";

export type CampaignFormTemplate = { id: string; name: string; channel: Channel };
export type CampaignFormSender = { id: string; from: string; channel: Channel; sentToday: number; dailyCap: number; healthLabel: string; usable: boolean };

/** A draft as the form shows it; times are `datetime-local` values in the org's zone (or the recipient's). */
export type CampaignFormValues = {
  id?: string;
  name: string;
  channel: Channel;
  templateId: string;
  listIds: string[];
  segmentIds: string[];
  excludeListIds: string[];
  excludeSegmentIds: string[];
  senderIds: string[];
  sendMode: "now" | "later";
  startAt: string;
  finishAt: string;
  recipientLocalTime: boolean;
  respectBusinessHours: boolean;
};

const legendClass = "text-sm font-semibold text-slate-900";
const checkboxClass = "h-4 w-4 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-500";

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="mt-1 text-sm text-red-600">
      {error}
    </p>
  ) : null;
}

/**
 * Create and edit a draft. The channel decides which templates and senders are offered; the
 * audience and the sender pool are checkbox groups posted as `list_<id>`, `sender_<id>`, ... and
 * gathered by the action. On a refused save, what was ticked comes back from the echoed values.
 */
export function CampaignForm({
  slug,
  orgTimezone,
  templates,
  lists,
  segments,
  senders,
  initial,
}: {
  slug: string;
  orgTimezone: string;
  templates: CampaignFormTemplate[];
  lists: AudienceOption[];
  segments: AudienceOption[];
  senders: CampaignFormSender[];
  initial: CampaignFormValues;
}) {
  const editing = Boolean(initial.id);
  const [state, action] = useActionState<ActionState, FormData>(editing ? updateCampaignAction : createCampaignAction, {});
  const echoed = state.values;
  const [channel, setChannel] = useState<Channel>(initial.channel);
  const [mode, setMode] = useState<"now" | "later">(initial.sendMode);
  const [localTime, setLocalTime] = useState(initial.recipientLocalTime);
  const err = (k: string) => state.fields?.[k];
  const text = (k: "name" | "templateId" | "startAt" | "finishAt", fallback: string) => echoed?.[k] ?? fallback;
  // Echoed values hold only ticked boxes; without them the saved draft decides.
  const ticked = (key: string, saved: boolean) => (echoed ? key in echoed : saved);

  const channelTemplates = templates.filter((t) => t.channel === channel);
  const channelSenders = senders.filter((s) => s.channel === channel);
  const zoneNote = localTime ? "Read in each recipient’s time zone (the org’s for contacts without one)." : `In the org’s time zone, ${orgTimezone}.`;

  return (
    <form action={action} className="space-y-8" noValidate>
      <input type="hidden" name="org" value={slug} />
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <FormMessage state={state} />

      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Campaign name" name="name" defaultValue={text("name", initial.name)} error={err("name")} hint="Only your team sees it." required maxLength={200} />
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">Channel</legend>
          <div className="flex gap-4 py-2">
            {(["email", "sms"] as const).map((c) => (
              <label key={c} className="flex items-center gap-2 text-sm">
                <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => setChannel(c)} />
                {c === "email" ? "E-mail" : "SMS"}
              </label>
            ))}
          </div>
          <FieldError id="f-channel-error" error={err("channel")} />
        </fieldset>
      </div>

      <div>
        <SelectField
          key={`template-${channel}`}
          label="Template"
          name="templateId"
          defaultValue={channelTemplates.some((t) => t.id === text("templateId", initial.templateId)) ? text("templateId", initial.templateId) : ""}
          options={[{ value: "", label: channelTemplates.length ? "Choose a template…" : "No templates for this channel yet" }, ...channelTemplates.map((t) => ({ value: t.id, label: t.name }))]}
          error={err("templateId")}
          hint={
            <>
              The content is copied when the campaign launches; until then it follows the template.{" "}
              <Link href={`/o/${slug}/templates/new?channel=${channel}`} className="text-brand-700 underline">
                New {channel === "sms" ? "SMS" : "e-mail"} template
              </Link>
            </>
          }
        />
      </div>

      <fieldset id="audience" className="space-y-4" aria-describedby={err("audience") ? "f-audience-error" : undefined}>
        <legend className={legendClass}>Audience</legend>
        <p className="text-sm text-slate-500">Everyone in the lists and segments you include, minus anyone in those you exclude. Suppressed, unsubscribed and bounced contacts are always left out.</p>
        <FieldError id="f-audience-error" error={err("audience")} />
        <div className="grid gap-4 md:grid-cols-2">
          <AudiencePicker
            title="Send to"
            slug={slug}
            lists={lists}
            segments={segments}
            listName={(id) => `list_${id}`}
            segmentName={(id) => `segment_${id}`}
            listChecked={(id) => ticked(`list_${id}`, initial.listIds.includes(id))}
            segmentChecked={(id) => ticked(`segment_${id}`, initial.segmentIds.includes(id))}
          />
          <AudiencePicker
            title="But not to"
            slug={slug}
            lists={lists}
            segments={segments}
            listName={(id) => `xlist_${id}`}
            segmentName={(id) => `xsegment_${id}`}
            listChecked={(id) => ticked(`xlist_${id}`, initial.excludeListIds.includes(id))}
            segmentChecked={(id) => ticked(`xsegment_${id}`, initial.excludeSegmentIds.includes(id))}
          />
        </div>
      </fieldset>

      <fieldset id="sender-pool" key={`senders-${channel}`} aria-describedby={err("senderIds") ? "f-senderIds-error" : "f-senderIds-hint"}>
        <legend className={legendClass}>Sender pool</legend>
        <p id="f-senderIds-hint" className="mt-1 text-sm text-slate-500">
          New recipients are spread over these by least sent today; a contact already written from one keeps it.
        </p>
        <FieldError id="f-senderIds-error" error={err("senderIds")} />
        {channelSenders.length === 0 ? (
          <p className="mt-3 rounded-md border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-600">
            No {channel === "sms" ? "SMS" : "e-mail"} senders yet.{" "}
            <Link href={`/o/${slug}/senders/new`} className="text-brand-700 underline">
              Add a sender
            </Link>{" "}
            (owners and admins).
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 rounded-md border border-slate-200">
            {channelSenders.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-2">
                <label className="flex min-w-0 items-center gap-3 text-sm">
                  <input type="checkbox" name={`sender_${s.id}`} defaultChecked={ticked(`sender_${s.id}`, initial.senderIds.includes(s.id))} className={checkboxClass} />
                  <span className="min-w-0">
                    <span className="block break-all font-medium text-slate-900">{s.from}</span>
                    <span className={`text-xs ${s.usable ? "text-slate-500" : "text-amber-700"}`}>{s.healthLabel}</span>
                  </span>
                </label>
                <div className="w-36">
                  <CapProgress sent={s.sentToday} cap={s.dailyCap} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className="space-y-4">
        <legend className={legendClass}>Schedule</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {(
            [
              ["now", "Send as soon as it launches"],
              ["later", "Start at a set time"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input type="radio" name="sendMode" value={value} checked={mode === value} onChange={() => setMode(value)} />
              {label}
            </label>
          ))}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          {mode === "later" ? (
            <Field label="Start" name="startAt" type="datetime-local" defaultValue={text("startAt", initial.startAt)} error={err("startAt")} hint={zoneNote} required />
          ) : null}
          <Field
            label="Finish (optional)"
            name="finishAt"
            type="datetime-local"
            defaultValue={text("finishAt", initial.finishAt)}
            error={err("finishAt")}
            hint="Messages not sent by then are cancelled, never sent late."
          />
        </div>
        <div className="space-y-2">
          <label className="flex items-start gap-3 text-sm">
            <input type="checkbox" name="recipientLocalTime" checked={localTime} onChange={(e) => setLocalTime(e.target.checked)} className={`${checkboxClass} mt-0.5`} />
            <span>
              <span className="font-medium text-slate-900">Deliver at the recipient’s local time</span>
              <span className="block text-slate-500">Start and finish are read on each contact’s clock, so 09:00 is 09:00 in Tokyo and in Lisbon.</span>
            </span>
          </label>
          <label className="flex items-start gap-3 text-sm">
            <input type="checkbox" name="respectBusinessHours" defaultChecked={ticked("respectBusinessHours", initial.respectBusinessHours)} className={`${checkboxClass} mt-0.5`} />
            <span>
              <span className="font-medium text-slate-900">Respect business hours</span>
              <span className="block text-slate-500">A contact’s send moves to the start of their notify-from hours; contacts whose hours miss the window are skipped.</span>
            </span>
          </label>
          <FieldError id="f-schedule-error" error={err("schedule")} />
        </div>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-5">
        <SubmitButton pendingText="Saving…">{editing ? "Save draft" : "Create draft"}</SubmitButton>
        <p className="text-sm text-slate-500">{editing ? "Saving updates the review below." : "Nothing is sent until you review and launch it."}</p>
      </div>
    </form>
  );
}
