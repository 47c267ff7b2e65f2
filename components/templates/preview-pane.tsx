"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import type { LivePreview } from "./use-live-preview";
import { SmsCounter } from "./sms-counter";

const WIDTHS = { desktop: 600, mobile: 375 } as const;

/**
 * The rendered template. E-mail HTML goes into an iframe with an empty `sandbox`: no scripts, no
 * same-origin access, no forms or popups, whatever the template contains.
 */
export function PreviewPane({ channel, live }: { channel: "email" | "sms"; live: LivePreview }) {
  const [device, setDevice] = useState<keyof typeof WIDTHS>("desktop");
  const { preview, failure, pending } = live;
  return (
    <section aria-labelledby="preview-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="preview-title" className="text-sm font-semibold text-slate-900">
          Preview {pending ? <span className="font-normal text-slate-400">(updating…)</span> : null}
        </h2>
        {channel === "email" ? (
          <div role="group" aria-label="Preview width" className="inline-flex rounded-md border border-slate-300 text-xs">
            {(Object.keys(WIDTHS) as (keyof typeof WIDTHS)[]).map((d) => (
              <button
                key={d}
                type="button"
                aria-pressed={device === d}
                onClick={() => setDevice(d)}
                className={`px-3 py-1 capitalize first:rounded-l-md last:rounded-r-md ${device === d ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
              >
                {d}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {preview ? <p className="text-xs text-slate-500">Rendered for {preview.sample.label}.</p> : null}
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      {preview?.errors._ ? <Alert tone="warning">{preview.errors._}</Alert> : null}
      {preview && Object.keys(preview.errors).some((k) => k !== "_") ? <Alert tone="warning">Some merge tags need attention; see the fields.</Alert> : null}
      {channel === "email" && preview?.email ? (
        <div className="space-y-2">
          <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
            <p className="truncate font-semibold text-slate-900" data-testid="preview-subject">{preview.email.subject || "(no subject)"}</p>
            <p className="truncate text-slate-500" data-testid="preview-preheader">{preview.email.preheader || preview.email.text.slice(0, 120)}</p>
          </div>
          <div className="overflow-x-auto rounded-md border border-slate-200 bg-slate-100 p-2">
            <iframe
              title="E-mail preview"
              sandbox=""
              srcDoc={preview.email.html}
              style={{ width: WIDTHS[device], maxWidth: "none" }}
              className="mx-auto block h-[560px] bg-white"
            />
          </div>
        </div>
      ) : null}
      {channel === "sms" && preview?.sms ? (
        <div className="space-y-2">
          <div className="max-w-xs whitespace-pre-wrap break-words rounded-2xl rounded-bl-sm bg-slate-100 px-4 py-3 text-sm text-slate-900" data-testid="preview-sms">
            {preview.sms.body || "(empty)"}
          </div>
          <SmsCounter text={preview.sms.body} label="As sent to this contact" />
        </div>
      ) : null}
    </section>
  );
}
