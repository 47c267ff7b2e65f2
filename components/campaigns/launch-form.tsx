"use client";

import { useActionState } from "react";
import { launchCampaignAction } from "@/app/(dashboard)/o/[org]/campaigns/actions";
import type { ActionState } from "@/app/_lib/action";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

const numFmt = new Intl.NumberFormat("en-US");

/**
 * Launch, after a confirmation that names the audience size and the start. Disabled while the
 * review lists problems; the lib refuses a launch with problems anyway.
 */
export function LaunchForm({ slug, id, name, recipients, blocked, startsLater }: { slug: string; id: string; name: string; recipients: number; blocked: string | null; startsLater: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(launchCampaignAction, {});
  const question = `Launch “${name}” to ${numFmt.format(recipients)} ${recipients === 1 ? "recipient" : "recipients"}${startsLater ? " at its start time" : " now"}? Its content is copied from the template at this moment.`;
  return (
    <form
      action={action}
      className="space-y-2"
      onSubmit={(e) => {
        if (!window.confirm(question)) e.preventDefault();
      }}
    >
      <input type="hidden" name="org" value={slug} />
      <input type="hidden" name="id" value={id} />
      <FormMessage state={state} />
      <SubmitButton size="lg" className="w-full" disabled={Boolean(blocked)} aria-describedby={blocked ? "launch-blocked" : undefined} pendingText="Launching…">
        {startsLater ? "Schedule campaign" : "Launch campaign"}
      </SubmitButton>
      {blocked ? (
        <p id="launch-blocked" className="text-xs text-slate-500">
          {blocked}
        </p>
      ) : null}
    </form>
  );
}
