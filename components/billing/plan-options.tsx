import { RowAction } from "@/components/ui/row-action";
import { Badge } from "@/components/ui/badge";
import type { BillingOverview } from "@/lib/billing/get-billing-overview";
import { formatCents } from "@/lib/billing/plans";
import { changePlanAction } from "@/app/(dashboard)/o/[org]/billing/actions";

/** One card per plan from the plan table: current marked, upgrade/downgrade buttons for owners, downgrade warnings. */
export function PlanOptions({ slug, view }: { slug: string; view: BillingOverview }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {view.plans.map((p) => (
        <li key={p.id} className={`flex flex-col rounded-lg border bg-white p-4 ${p.direction === "current" ? "border-brand-500 ring-1 ring-brand-500" : "border-slate-200"}`} data-testid={`plan-${p.id}`}>
          <div className="flex items-center justify-between gap-2">
            <h3 className="font-semibold text-slate-900">{p.name}</h3>
            {p.direction === "current" ? <Badge tone="brand">Current plan</Badge> : null}
          </div>
          <p className="mt-1 text-2xl font-semibold text-slate-900">
            {formatCents(p.priceCents)}
            <span className="text-sm font-normal text-slate-500">/month</span>
          </p>
          <ul className="mt-3 space-y-1 text-sm text-slate-600">
            <li>{p.monthlyCredits !== null ? `${p.monthlyCredits.toLocaleString("en-US")} credits / month` : `${p.includedEmails.toLocaleString("en-US")} e-mails, ${p.includedSms.toLocaleString("en-US")} SMS included`}</li>
            <li>{p.contacts.toLocaleString("en-US")} contacts</li>
            <li>{p.seats} seats</li>
            {p.overageEmailCents !== null ? <li>Then {formatCents(p.overageEmailCents)} per e-mail</li> : <li>No pay-as-you-go</li>}
          </ul>
          {p.warnings.length > 0 ? (
            <div className="mt-3 rounded-md border border-amber-200 bg-amber-50 p-2 text-xs text-amber-900">
              <p className="font-medium">If you move to {p.name}:</p>
              <ul className="mt-1 list-disc space-y-1 pl-4">
                {p.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="mt-auto pt-4">
            {p.direction === "current" || !view.canChangePlan ? null : !p.available ? (
              <p className="text-xs text-slate-500">Not available yet: no Stripe price is configured for {p.name}.</p>
            ) : (
              <RowAction
                action={changePlanAction}
                fields={{ org: slug, plan: p.id }}
                label={p.direction === "upgrade" ? `Upgrade to ${p.name}` : `Downgrade to ${p.name}`}
                variant={p.direction === "upgrade" ? "primary" : "secondary"}
                confirm={p.direction === "downgrade" ? `Move to ${p.name} at the end of the billing period?${p.warnings.length ? " " + p.warnings.join(" ") : ""}` : undefined}
              />
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
