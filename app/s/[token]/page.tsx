import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SubscribeForm } from "@/components/consent/subscribe-form";
import { Alert } from "@/components/ui/alert";
import { findPublicList, type PublicList } from "@/lib/audience/consent/find-public-list";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Subscribe" };
export const dynamic = "force-dynamic";

// Outcomes of a plain HTML form on another site, posted to /api/subscribe and sent on here.
const OUTCOMES: Record<string, { tone: "success" | "error"; text: (doubleOptIn: boolean) => string }> = {
  ok: { tone: "success", text: (d) => (d ? "Check your inbox: we sent you a link to confirm your subscription." : "You are subscribed.") },
  validation: { tone: "error", text: () => "That e-mail address does not look right. Try again below." },
  rate_limited: { tone: "error", text: () => "Too many sign-ups just now. Try again in a few minutes." },
  bad_request: { tone: "error", text: () => "The form could not be read. Try again below." },
};

export default async function SubscribePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ outcome?: string }> }) {
  const [{ token }, { outcome }] = await Promise.all([params, searchParams]);
  const shown = outcome ? OUTCOMES[outcome] : undefined;
  let list: PublicList;
  try {
    list = await findPublicList(token);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  return (
    <>
      <p className="text-sm font-medium text-brand-700">{list.orgName}</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">Subscribe to {list.name}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500">
        {list.doubleOptIn ? "We will e-mail you a link to confirm, so nobody can sign you up without your say." : "Enter your e-mail address to subscribe."} You can unsubscribe at any time.
      </p>
      {shown ? (
        <Alert tone={shown.tone} className="mb-4">
          {shown.text(list.doubleOptIn)}
        </Alert>
      ) : null}
      {outcome === "ok" ? null : <SubscribeForm token={token} listName={list.name} />}
    </>
  );
}
