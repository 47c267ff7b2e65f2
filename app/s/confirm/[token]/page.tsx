import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { getConfirmation, type ConfirmationView } from "@/lib/audience/consent/get-confirmation";
import { isAppError } from "@/lib/errors";
import { confirmAction } from "./actions";

export const metadata: Metadata = { title: "Confirm your subscription" };
export const dynamic = "force-dynamic";

/** Showing this page confirms nothing: mail scanners open links, only a person presses the button. */
export default async function ConfirmPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let view: ConfirmationView;
  try {
    view = await getConfirmation(token);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  return (
    <>
      <p className="text-sm font-medium text-brand-700">{view.orgName}</p>
      {view.state === "confirmed" ? (
        <>
          <h1 className="mt-1 text-xl font-semibold text-slate-900">You are subscribed</h1>
          <Alert tone="success" className="mt-4">
            {view.email} is subscribed to {view.listName}. Thank you for confirming.
          </Alert>
        </>
      ) : view.state === "closed" ? (
        <>
          <h1 className="mt-1 text-xl font-semibold text-slate-900">This subscription cannot be confirmed</h1>
          <p className="mt-2 text-sm text-slate-600">
            {view.email} has unsubscribed from {view.orgName}, or mail to it cannot be delivered, so we will not add it to {view.listName}. Contact {view.orgName} if this is a mistake.
          </p>
        </>
      ) : (
        <>
          <h1 className="mt-1 text-xl font-semibold text-slate-900">Confirm your subscription</h1>
          <p className="mb-6 mt-2 text-sm text-slate-600">
            Subscribe {view.email} to <strong>{view.listName}</strong>?
          </p>
          <form action={confirmAction}>
            <input type="hidden" name="token" value={token} />
            <SubmitButton className="w-full" autoFocus pendingText="Confirming…">
              Yes, subscribe me
            </SubmitButton>
          </form>
        </>
      )}
    </>
  );
}
