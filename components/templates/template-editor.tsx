"use client";

import { useActionState, useRef, useState } from "react";
import { createTemplateAction, updateTemplateAction } from "@/app/(dashboard)/o/[org]/templates/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { Field, TextAreaField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { MergeTagHelper } from "./merge-tag-helper";
import { PreviewPane } from "./preview-pane";
import { SendTestForm } from "./send-test-form";
import { SmsCounter } from "./sms-counter";
import { useLivePreview } from "./use-live-preview";

export type TemplateValues = { name: string; subject: string; preheader: string; html: string; text: string; smsBody: string };
type ContentField = Exclude<keyof TemplateValues, "name">;

const MONO = { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: "0.8rem" };

export const STARTER_HTML = `<!doctype html>
<html>
<body style="margin:0;padding:24px;font-family:Helvetica,Arial,sans-serif;color:#0f172a">
  <p>Hi {{ contact.first_name | default: "there" }},</p>
  <p>Write your message here.</p>
  <p style="font-size:12px;color:#64748b">{{ org.name }} · {{ org.postal_address }}<br>
  <a href="{{ unsubscribe_url }}">Unsubscribe</a> · <a href="{{ preferences_url }}">Preferences</a></p>
</body>
</html>`;

/**
 * Create and edit share this editor. Fields are controlled so the preview follows every keystroke
 * (rendered on the server, debounced); a refused save shows each merge-tag problem beside its field.
 */
export function TemplateEditor({
  slug,
  channel,
  templateId,
  initial,
  attributes,
  testTo,
}: {
  slug: string;
  channel: "email" | "sms";
  templateId?: string;
  initial: TemplateValues;
  attributes: { key: string; label: string }[];
  testTo: string;
}) {
  const [state, action] = useActionState<ActionState, FormData>(templateId ? updateTemplateAction : createTemplateAction, {});
  const [values, setValues] = useState<TemplateValues>(initial);
  const formRef = useRef<HTMLFormElement>(null);
  const lastField = useRef<ContentField>(channel === "email" ? "html" : "smsBody");
  const content = channel === "email" ? { subject: values.subject, preheader: values.preheader, html: values.html, text: values.text } : { smsBody: values.smsBody };
  const live = useLivePreview(slug, channel, templateId, content);
  // The live check follows every keystroke; the last save's answer (a missing subject...) holds
  // only while the field still has the value that was refused.
  const err = (k: keyof TemplateValues) => live.preview?.errors[k] ?? (state.values?.[k] === values[k] ? state.fields?.[k] : undefined);

  const set = (k: keyof TemplateValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  // Remember the content field last focused, so a merge tag goes where the author was writing.
  const onFocusCapture = (e: { target: EventTarget }) => {
    const name = (e.target as HTMLInputElement).name;
    if (name && name !== "name" && name in values) lastField.current = name as ContentField;
  };

  function insert(tag: string) {
    const k = lastField.current;
    const el = formRef.current?.elements.namedItem(k) as HTMLInputElement | HTMLTextAreaElement | null;
    const current = values[k];
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    setValues((v) => ({ ...v, [k]: current.slice(0, start) + tag + current.slice(end) }));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + tag.length, start + tag.length);
    });
  }

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="space-y-6">
        <Card>
          <CardBody>
            <form ref={formRef} action={action} onFocusCapture={onFocusCapture} className="space-y-4" noValidate>
              <input type="hidden" name="org" value={slug} />
              {templateId ? <input type="hidden" name="id" value={templateId} /> : <input type="hidden" name="channel" value={channel} />}
              <FormMessage state={state} />
              <Field label="Name" name="name" value={values.name} onChange={set("name")} error={err("name")} hint="Only your team sees it." required />
              {channel === "email" ? (
                <>
                  <Field label="Subject" name="subject" value={values.subject} onChange={set("subject")} error={err("subject")} required />
                  <Field label="Preheader" name="preheader" value={values.preheader} onChange={set("preheader")} error={err("preheader")} hint="The preview line inbox lists show after the subject." />
                  <TextAreaField label="HTML" name="html" rows={18} spellCheck={false} value={values.html} onChange={set("html")} error={err("html")} style={MONO} required />
                  <TextAreaField label="Plain text (optional)" name="text" rows={6} value={values.text} onChange={set("text")} error={err("text")} hint="Generated from the HTML when empty." style={MONO} />
                </>
              ) : (
                <div className="space-y-1">
                  <TextAreaField label="Message" name="smsBody" rows={6} value={values.smsBody} onChange={set("smsBody")} error={err("smsBody")} required />
                  <SmsCounter text={values.smsBody} />
                </div>
              )}
              <SubmitButton pendingText="Saving…">{templateId ? "Save template" : "Create template"}</SubmitButton>
            </form>
          </CardBody>
        </Card>
        <Card>
          <CardBody>
            <MergeTagHelper attributes={attributes} onInsert={insert} />
          </CardBody>
        </Card>
      </div>
      <div className="space-y-6">
        <Card>
          <CardBody>
            <PreviewPane channel={channel} live={live} />
          </CardBody>
        </Card>
        {channel === "email" ? (
          <Card>
            <CardBody>
              {templateId ? (
                <SendTestForm slug={slug} id={templateId} defaultTo={testTo} content={content} />
              ) : (
                <p className="text-sm text-slate-500">Create the template to send yourself a test.</p>
              )}
            </CardBody>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
