import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrg } from "@/app/_lib/session";
import { AdjustCreditsForm } from "@/components/billing/adjust-credits-form";
import { CreditLedgerTable } from "@/components/billing/credit-ledger-table";
import { MeterBar } from "@/components/billing/meter-bar";
import { PlanOptions } from "@/components/billing/plan-options";
import { RowAction } from "@/components/ui/row-action";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { getBillingOverview } from "@/lib/billing/get-billing-overview";
import { listCreditLedger } from "@/lib/billing/list-credit-ledger";
import { atLeast } from "@/lib/orgs/actor";
import { cancelScheduledChangeAction, manageBillingAction } from "./actions";
import { isStaffEmail } from "@/lib/auth/is-staff";

export const metadata: Metadata = { title: "Billing" };

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export default async function BillingPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ checkout?: string }> }) {
  const { org: slug } = await params;
  const { checkout } = await searchParams;
  const { org, role, actor, user } = await requireOrg(slug);
  // Members get the same 404 as a page that does not exist: billing is owners' and admins'.
  if (!atLeast(role, "admin")) notFound();
  const view = await getBillingOverview(actor);
  const ledger = view.plan.monthlyCredits !== null ? await listCreditLedger(actor, { limit: 25 }) : null;
  const sub = view.subscription;
  const scheduled = sub?.pendingPlan ? sub.pendingPlan.name : sub?.cancelAtPeriodEnd ? "Hobby" : null;

  return (
    <>
      <PageHeader
        title="Billing"
        description={view.canChangePlan ? "Your plan, its limits and how you pay." : "Your plan and its limits. Only owners change the plan."}
        action={
          view.configured && view.hasCustomer && view.canChangePlan ? (
            <RowAction action={manageBillingAction} fields={{ org: org.slug }} label="Manage billing" />
          ) : null
        }
      />
      <div className="space-y-6">
        {!view.configured ? (
          <Alert tone="warning">
            Billing is not configured on this Herald (no <code>STRIPE_SECRET_KEY</code>). Owners can switch plans directly for development; nothing is charged.
          </Alert>
        ) : null}
        {checkout === "success" ? <Alert tone="success">Thanks! Your plan updates as soon as Stripe confirms the payment.</Alert> : null}
        {checkout === "cancelled" ? <Alert>Checkout was cancelled; nothing changed.</Alert> : null}
        {sub?.status === "past_due" ? <Alert tone="error">Your last payment failed. Update your card in Manage billing to keep {view.plan.name}.</Alert> : null}

        <Card>
          <CardHeader
            title={`${view.plan.name} plan`}
            description={
              scheduled && sub?.periodEnd
                ? `Moves to ${scheduled} on ${dateFmt.format(sub.periodEnd)}.`
                : sub?.periodEnd && view.plan.id !== "hobby"
                  ? `Renews on ${dateFmt.format(sub.periodEnd)}.`
                  : view.plan.tagline
            }
            action={
              <div className="flex items-center gap-2">
                {sub && sub.status !== "active" ? <Badge tone="amber">{sub.status.replace("_", " ")}</Badge> : null}
                {scheduled && view.canChangePlan ? (
                  <RowAction action={cancelScheduledChangeAction} fields={{ org: org.slug }} label={`Keep ${view.plan.name}`} variant="ghost" />
                ) : null}
              </div>
            }
          />
          <CardBody className="grid gap-4 sm:grid-cols-2">
            <MeterBar label="Seats (members and pending invitations)" used={view.usage.seats} limit={view.plan.seats} />
            <MeterBar label="Contacts" used={view.usage.contacts} limit={view.plan.contacts} />
            {view.plan.monthlyCredits !== null ? (
              <MeterBar label="Credits left this month" used={view.credits} limit={view.plan.monthlyCredits} />
            ) : (
              <p className="text-sm text-slate-600">
                This month&apos;s usage and cost are on the{" "}
                <Link className="font-medium text-brand-700 hover:underline" href={`/o/${org.slug}/usage`}>
                  Usage page
                </Link>
                .
              </p>
            )}
          </CardBody>
        </Card>

        <section aria-labelledby="plans-heading">
          <h2 id="plans-heading" className="mb-3 text-base font-semibold text-slate-900">
            Plans
          </h2>
          <PlanOptions slug={org.slug} view={view} />
          <p className="mt-2 text-xs text-slate-500">Upgrades apply at once; downgrades take effect at the end of the billing period.</p>
        </section>

        {ledger ? (
          <Card>
            <CardHeader
              title="Credits"
              description={`${ledger.balance.toLocaleString("en-US")} credits. Every message takes one; they reset at the start of each month.${ledger.explained ? "" : " (The ledger does not yet explain the whole balance.)"}`}
            />
            {isStaffEmail(user.email) ? (
              <CardBody className="border-b border-slate-100">
                <AdjustCreditsForm slug={org.slug} />
              </CardBody>
            ) : null}
            <CreditLedgerTable entries={ledger.entries} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
