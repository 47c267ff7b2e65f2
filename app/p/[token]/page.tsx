import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { getPreferences, type PreferencesView } from "@/lib/audience/consent/get-preferences";
import { isAppError } from "@/lib/errors";
import { unsubscribeEverywhereAction, updatePreferencesAction } from "./actions";

export const metadata: Metadata = { title: "Your subscriptions" };
export const dynamic = "force-dynamic";

const DONE: Record<string, string> = {
  saved: "Your choices are saved.",
  unsubscribed: "You are unsubscribed from everything. You will not receive any more messages from us.",
};

/** The preference centre, by a signed per-contact link. Plain forms: no JavaScript needed. */
export default async function PreferencesPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> }) {
  const [{ token }, { done }] = await Promise.all([params, searchParams]);
  let view: PreferencesView;
  try {
    view = await getPreferences(token);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const unsubscribed = view.status !== "subscribed" && view.status !== "pending";
  return (
    <>
      <p className="text-sm font-medium text-brand-700">{view.orgName}</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">Your subscriptions</h1>
      <p className="mt-1 text-sm text-slate-500">For {[view.email, view.phone].filter(Boolean).join(" and ")}</p>
      {done && DONE[done] ? (
        <Alert tone="success" className="mt-4">
          {DONE[done]}
        </Alert>
      ) : null}

      {unsubscribed ? (
        <p className="mt-6 text-sm text-slate-600" data-testid="unsubscribed-state">
          You are not receiving messages from {view.orgName}.
        </p>
      ) : (
        <>
          <form action={updatePreferencesAction} className="mt-6">
            <input type="hidden" name="token" value={token} />
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">Lists you are on</legend>
              {view.lists.length === 0 ? (
                <p className="mt-2 text-sm text-slate-500">You are not on any list at the moment.</p>
              ) : (
                <ul className="mt-2 space-y-2">
                  {view.lists.map((l) => (
                    <li key={l.id}>
                      <input type="hidden" name="shown" value={l.id} />
                      <label className="flex items-center gap-3 rounded-md border border-slate-200 px-3 py-2 text-sm">
                        <input type="checkbox" name="keep" value={l.id} defaultChecked className="h-4 w-4 rounded border-slate-300" />
                        <span className="font-medium text-slate-900">{l.name}</span>
                        {l.status === "pending" ? <span className="text-xs text-slate-500">(waiting for your confirmation)</span> : null}
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>
            {view.lists.length > 0 ? (
              <>
                <p className="mt-2 text-xs text-slate-500">Untick the lists you want to leave, then save.</p>
                <SubmitButton variant="secondary" className="mt-4 w-full" pendingText="Saving…">
                  Save my choices
                </SubmitButton>
              </>
            ) : null}
          </form>

          <form action={unsubscribeEverywhereAction} className="mt-8 border-t border-slate-100 pt-6">
            <input type="hidden" name="token" value={token} />
            <h2 className="text-sm font-medium text-slate-800">Stop everything</h2>
            <p className="mt-1 text-sm text-slate-500">Leave every list and receive no more e-mail or text messages from {view.orgName}.</p>
            <SubmitButton variant="danger" className="mt-4 w-full" pendingText="Unsubscribing…">
              Unsubscribe from everything
            </SubmitButton>
          </form>
        </>
      )}
    </>
  );
}
