"use client";

import { useActionState, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { evaluateSegmentAction, saveSegmentAction, type EvaluateResult } from "@/app/(dashboard)/o/[org]/segments/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { fromRules, toRules, updateAt, type BuilderOptions, type DraftGroup, type DraftNode } from "./builder-model";
import { GroupEditor } from "./group-editor";
import { SegmentPreview } from "./segment-preview";

const DEBOUNCE_MS = 400;

type Props = { slug: string; options: BuilderOptions; segment?: { id: string; name: string; rules: unknown } };

/** The rule builder: edits a draft tree, shows a live count and preview, saves with a name. */
export function SegmentBuilder({ slug, options, segment }: Props) {
  const [draft, setDraft] = useState<DraftGroup>(() => fromRules(segment?.rules ?? { match: "all", rules: [] }));
  // The answer and the rules it answers: while they differ, a newer count is on its way.
  const [answer, setAnswer] = useState<{ json: string; result: EvaluateResult } | null>(null);
  const [state, save] = useActionState<ActionState, FormData>(saveSegmentAction, {});
  const rulesJson = useMemo(() => JSON.stringify(toRules(draft)), [draft]);
  const latest = useRef(0);
  const result = answer?.result ?? null;
  const pending = answer?.json !== rulesJson;

  // Debounced: only the newest answer is shown, however the requests interleave.
  useEffect(() => {
    const ticket = ++latest.current;
    const t = setTimeout(async () => {
      const r = await evaluateSegmentAction(slug, JSON.parse(rulesJson)).catch((): EvaluateResult => ({ error: "Could not count right now. Try again." }));
      if (ticket === latest.current) setAnswer({ json: rulesJson, result: r });
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [rulesJson, slug]);

  const onChange = useCallback((path: number[], fn: (n: DraftNode) => DraftNode | null) => setDraft((d) => updateAt(d, path, fn)), []);
  const liveErrors = result && "error" in result ? (result.fields ?? {}) : {};
  // Save-time errors are stale once the live check has answered for the current rules.
  const errors = { ...(result ? {} : (state.fields ?? {})), ...liveErrors };
  const nameError = state.fields?.name;

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0 space-y-6">
        <Card>
          <CardHeader title="Rules" description="Add rules and groups; the count updates as you edit." />
          <CardBody>
            <GroupEditor group={draft} path={[]} options={options} errors={errors} onChange={onChange} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Save" />
          <CardBody>
            <form action={save} className="space-y-3" noValidate>
              <input type="hidden" name="org" value={slug} />
              {segment ? <input type="hidden" name="segmentId" value={segment.id} /> : null}
              <input type="hidden" name="rules" value={rulesJson} />
              <FormMessage state={nameError ? {} : state} />
              <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start">
                <Field label="Segment name" name="name" id="segment-name" required maxLength={100} placeholder="Engaged VIPs" defaultValue={state.values?.name ?? segment?.name} error={nameError} />
                <SubmitButton className="sm:mt-6" pendingText="Saving…">
                  {segment ? "Save changes" : "Save segment"}
                </SubmitButton>
              </div>
            </form>
          </CardBody>
        </Card>
      </div>
      <div className="space-y-6">
        <Card>
          <CardHeader title="Matching contacts" />
          <CardBody>
            <div aria-live="polite" aria-atomic="true" data-testid="segment-count">
              {result === null ? (
                <p className="text-sm text-slate-500">Counting…</p>
              ) : "error" in result ? (
                <p role="alert" className="text-sm text-red-700">{result.error}</p>
              ) : (
                <p>
                  <span className="text-3xl font-semibold tabular-nums text-slate-900">{result.count.toLocaleString("en-US")}</span>{" "}
                  <span className="text-sm text-slate-500">{result.count === 1 ? "contact" : "contacts"}</span>
                </p>
              )}
            </div>
            <p className="mt-1 h-4 text-xs text-slate-400" aria-hidden="true">
              {pending && result ? "Updating…" : ""}
            </p>
          </CardBody>
          {result && !("error" in result) ? <SegmentPreview contacts={result.preview} total={result.count} /> : null}
        </Card>
      </div>
    </div>
  );
}
