import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import type { CampaignReview } from "@/lib/campaigns/review-campaign";

const numFmt = new Intl.NumberFormat("en-US");

/** Where each kind of problem is fixed. Problems are sentences from the lib; the link is matched on their subject. */
export function problemFix(problem: string, slug: string, canBill: boolean): { href: string; label: string } | null {
  const p = problem.toLowerCase();
  if (p.includes("postal address")) return { href: `/o/${slug}/settings#f-postalAddress`, label: "Add the postal address in settings" };
  if (p.includes("credit")) return canBill ? { href: `/o/${slug}/billing`, label: "Buy credits or change plan" } : { href: `/o/${slug}/billing`, label: "Ask an owner or admin to add credits" };
  if (p.includes("sender")) return { href: "#sender-pool", label: "Choose senders" };
  if (p.includes("template")) return { href: "#f-templateId", label: "Choose a template" };
  if (p.includes("audience") || p.includes("list") || p.includes("segment") || p.includes("recipient")) return { href: "#audience", label: "Change the audience" };
  if (p.includes("start") || p.includes("finish") || p.includes("schedule") || p.includes("window")) return { href: "#f-startAt", label: "Change the schedule" };
  return null;
}

function Line({ label, value, hint }: { label: string; value: number; hint?: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-1.5">
      <dt className="text-slate-600">
        {label}
        {hint ? <span className="block text-xs text-slate-400">{hint}</span> : null}
      </dt>
      <dd className={`tabular-nums ${value ? "font-medium text-slate-900" : "text-slate-400"}`}>{numFmt.format(value)}</dd>
    </div>
  );
}

/**
 * The review step: who the saved draft reaches after suppression, what each schedule rule moves
 * or skips, the split over the sender pool, and what still blocks the launch (each with where to fix it).
 */
export function ReviewPanel({ review, slug, canBill, senderNames }: { review: CampaignReview; slug: string; canBill: boolean; senderNames: Record<string, string> }) {
  const total = review.bySender.reduce((n, s) => n + s.count, 0);
  return (
    <div className="space-y-5">
      <div>
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Recipients after suppression</p>
        <p className="text-3xl font-semibold tabular-nums text-slate-900" data-testid="review-recipients">
          {numFmt.format(review.recipients)}
        </p>
      </div>
      <dl className="divide-y divide-slate-100 text-sm">
        <Line label="Left out: suppressed" value={review.suppressed} hint="On the suppression list for this channel." />
        <Line label="Left out: not subscribed" value={review.excludedByStatus} hint="Unsubscribed, bounced, complained or pending." />
        <Line label="Moved to their business hours" value={review.moved} hint="Still sent, later than the start." />
        <Line label="Skipped: outside business hours" value={review.skippedOutsideHours} hint="Their hours and the window do not overlap." />
        <Line label="Skipped: window already passed" value={review.skippedWindowPassed} hint="Their local finish time is in the past." />
      </dl>
      {review.bySender.length ? (
        <div>
          <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Per sender</p>
          <ul className="space-y-1 text-sm">
            {review.bySender.map((s) => (
              <li key={s.senderId} className="flex items-center justify-between gap-3">
                <span className="min-w-0 break-all text-slate-700">{senderNames[s.senderId] ?? s.senderId}</span>
                <span className="shrink-0 tabular-nums text-slate-900">
                  {numFmt.format(s.count)}
                  {total ? <span className="ml-1 text-xs text-slate-500">({Math.round((s.count / total) * 100)}%)</span> : null}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {review.problems.length ? (
        <div className="space-y-2" data-testid="review-problems">
          <p className="text-sm font-medium text-slate-900">Fix before launching</p>
          {review.problems.map((p) => {
            const fix = problemFix(p, slug, canBill);
            // The lib's sentences name the page as a path for API callers; here the link says it.
            const text = fix ? p.replace(/\s*\(\/o\/[^)\s]+\)/g, "").replace(/:\s*\/o\/\S+$/, ".") : p;
            return (
              <Alert key={p} tone="warning">
                {text}{" "}
                {fix ? (
                  <Link href={fix.href} className="font-medium underline">
                    {fix.label}
                  </Link>
                ) : null}
              </Alert>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
