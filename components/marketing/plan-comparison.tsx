import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button";
import { PLANS, PLAN_ORDER, type Plan } from "@/lib/billing/plans";
import { MinusIcon } from "./icons";
import { formatCount, formatPer1000, formatPerUnit, formatPlanPrice } from "./pricing-format";

function NotIncluded({ label = "Not included" }: { label?: string }) {
  return (
    <>
      <MinusIcon className="inline-block size-4 align-middle text-slate-400" />
      <span className="sr-only">{label}</span>
    </>
  );
}

function PerThousand({ cents, label }: { cents: number | null; label: string }) {
  if (cents === null) return <NotIncluded label="Not available" />;
  return (
    <>
      <span className="font-medium text-slate-900">{formatPer1000(cents)}</span>
      <span className="block text-xs text-slate-500">
        {formatPerUnit(cents)} per {label}
      </span>
    </>
  );
}

type RowDef = { label: string; hint?: string; cell: (plan: Plan) => ReactNode };
type GroupDef = { title: string; rows: RowDef[] };

const GROUPS: GroupDef[] = [
  {
    title: "Monthly allowance",
    rows: [
      {
        label: "Emails",
        cell: (p) =>
          p.monthlyCredits !== null ? (
            <>
              {formatCount(p.monthlyCredits)} credits
              <span className="block text-xs text-slate-500">one credit per message</span>
            </>
          ) : (
            formatCount(p.includedEmails)
          ),
      },
      { label: "SMS", cell: (p) => (p.includedSms > 0 ? formatCount(p.includedSms) : <NotIncluded />) },
      { label: "Contacts", cell: (p) => formatCount(p.contacts) },
      { label: "Team seats", cell: (p) => formatCount(p.seats) },
      { label: "Senders", cell: (p) => formatCount(p.senders) },
    ],
  },
  {
    title: "Pay-as-you-go",
    rows: [
      {
        label: "Extra emails",
        hint: "per 1,000",
        cell: (p) => <PerThousand cents={p.overageEmailCents} label="email" />,
      },
      { label: "Extra SMS", hint: "per 1,000", cell: (p) => <PerThousand cents={p.overageSmsCents} label="SMS" /> },
      { label: "API requests", hint: "per 1,000", cell: (p) => <PerThousand cents={p.apiRequestCents} label="request" /> },
    ],
  },
  {
    title: "Highlights",
    rows: [
      {
        label: "Included",
        cell: (p) => (
          <ul className="space-y-1.5">
            {p.features.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        ),
      },
    ],
  },
];

/** Side-by-side table of every plan's limits and prices. Scrolls sideways on small screens. */
export function PlanComparison() {
  const plans = PLAN_ORDER.map((id) => PLANS[id]);
  return (
    <div
      role="region"
      aria-labelledby="compare-heading"
      tabIndex={0}
      className="overflow-x-auto rounded-2xl bg-white ring-1 ring-slate-200"
    >
      <table className="w-full min-w-[46rem] border-collapse text-left text-sm">
        <caption className="sr-only">Plan comparison: monthly allowances, pay-as-you-go prices and highlights</caption>
        <thead>
          <tr className="border-b border-slate-200">
            <td className="sticky left-0 z-10 w-32 bg-white p-4 sm:w-48" />
            {plans.map((p) => (
              <th key={p.id} scope="col" className="p-4 align-bottom">
                <span className="block text-base font-semibold text-slate-900">{p.name}</span>
                <span className="mt-0.5 block text-sm font-normal text-slate-500">
                  {formatPlanPrice(p)}
                  {p.priceCents > 0 ? " / month" : null}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        {GROUPS.map((group) => (
          <tbody key={group.title}>
            <tr>
              <th
                scope="colgroup"
                colSpan={plans.length + 1}
                className="bg-slate-50 px-4 py-2.5 text-xs font-semibold uppercase tracking-wide text-slate-500"
              >
                {group.title}
              </th>
            </tr>
            {group.rows.map((row) => (
              <tr key={row.label} className="border-t border-slate-100 first:border-t-0">
                <th scope="row" className="sticky left-0 z-10 bg-white p-4 align-top font-medium text-slate-700 shadow-[1px_0_0_var(--color-slate-100)] sm:shadow-none">
                  {row.label}
                  {row.hint ? <span className="block text-xs font-normal text-slate-500">{row.hint}</span> : null}
                </th>
                {plans.map((p) => (
                  <td key={p.id} className="p-4 align-top text-slate-700 tabular-nums">
                    {row.cell(p)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
        <tfoot>
          <tr className="border-t border-slate-200">
            <td className="sticky left-0 z-10 bg-white p-4" />
            {plans.map((p) => (
              <td key={p.id} className="p-4">
                <ButtonLink
                  href={`/sign-up?plan=${p.id}`}
                  size="sm"
                  variant="secondary"
                  aria-label={p.priceCents === 0 ? `Start free on ${p.name}` : undefined}
                >
                  {p.priceCents === 0 ? "Start free" : `Choose ${p.name}`}
                </ButtonLink>
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
