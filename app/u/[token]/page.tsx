import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { getUnsubscribePage } from "@/lib/tracking/get-unsubscribe-page";
import { FROM_PAGE_PARAM, FROM_PAGE_VALUE } from "@/lib/tracking/unsubscribe-post";

export const metadata: Metadata = { title: "Unsubscribe" };
export const dynamic = "force-dynamic";

/**
 * The unsubscribe link of a message. GET only shows and asks (mail scanners open every link,
 * and must not unsubscribe anyone); the button posts a plain form to this same URL, which
 * server.ts (or proxy.ts on a plain `next start`) hands to the unsubscribe handler, and that
 * sends the browser back here with `?done=1`. No JavaScript, no cookies.
 */
export default async function UnsubscribePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> }) {
  const [{ token }, { done }] = await Promise.all([params, searchParams]);
  const view = await getUnsubscribePage(token);
  if (!view) notFound();

  if (view.stopped) {
    return (
      <>
        <p className="text-sm font-medium text-brand-700">{view.orgName}</p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900" data-testid="unsubscribe-state">
          {done ? "You are unsubscribed" : "You are already unsubscribed"}
        </h1>
        {done ? (
          <Alert tone="success" className="mt-4">
            {view.address} will not receive any more messages from {view.orgName}.
          </Alert>
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            {view.address} does not receive messages from {view.orgName}.
          </p>
        )}
        {view.preferencesUrl ? (
          <p className="mt-6 text-sm text-slate-600">
            Changed your mind, or want to see what you were subscribed to?{" "}
            <a href={view.preferencesUrl} className="font-medium text-brand-700 underline">
              Manage your preferences
            </a>
            .
          </p>
        ) : null}
      </>
    );
  }

  return (
    <>
      <p className="text-sm font-medium text-brand-700">{view.orgName}</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">
        Unsubscribe {view.address} from {view.orgName}?
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        You will not receive any more {view.channel === "sms" ? "text messages" : "e-mails"} from {view.orgName}.
      </p>
      <form method="post" action={`/u/${token}?${FROM_PAGE_PARAM}=${FROM_PAGE_VALUE}`} className="mt-6">
        <Button type="submit" variant="danger" className="w-full">
          Unsubscribe
        </Button>
      </form>
      {view.preferencesUrl ? (
        <p className="mt-6 text-center text-sm text-slate-500">
          Or{" "}
          <a href={view.preferencesUrl} className="font-medium text-brand-700 underline">
            choose which lists to stay on
          </a>
          .
        </p>
      ) : null}
    </>
  );
}
