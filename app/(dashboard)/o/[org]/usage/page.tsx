import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrg } from "@/app/_lib/session";
import { MeterBar } from "@/components/billing/meter-bar";
import { UsageChart } from "@/components/billing/usage-chart";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { getUsageOverview } from "@/lib/billing/get-usage-overview";
import { monthLabel } from "@/lib/billing/month";
import { formatCents } from "@/lib/billing/plans";
import { atLeast } from "@/lib/orgs/actor";
import { DataTable, Th } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Usage" };

const n = (v: number) => v.toLocaleString("en-US");
const money = (cents: number) => (cents > 0 && cents < 1 ? formatCents(cents) : `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

export default async function UsagePage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role, actor } = await requireOrg(slug);
  if (!atLeast(role, "admin")) notFound();
  const { cost, daily, history } = await getUsageOverview(actor);
  const hobby = cost.planId === "hobby";

  return (
    <>
      <PageHeader
        title="Usage"
        description={`${monthLabel(cost.month)} so far (UTC), at your plan's prices.`}
        action={
          <Link href={`/o/${org.slug}/billing`} className="text-sm font-medium text-brand-700 hover:underline">
            Plans and billing
          </Link>
        }
      />
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-3">
          <Card className="lg:col-span-2">
            <CardHeader title="This month" />
            <CardBody className="space-y-4">
              {cost.lines.map((l) => (
                <MeterBar key={l.metric} label={hobby && l.metric === "emails" ? "Messages (credits)" : `${l.label} included`} used={l.used} limit={l.included} />
              ))}
              <MeterBar label="Contacts stored" used={cost.contacts.stored} limit={cost.contacts.limit} />
              <p className="text-sm text-slate-600">{n(cost.api.count)} API requests this month.</p>
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Cost so far" description={hobby ? "Hobby is free: sending stops when credits run out." : undefined} />
            <CardBody>
              <dl className="space-y-2 text-sm">
                <div className="flex justify-between gap-3">
                  <dt className="text-slate-500">Plan</dt>
                  <dd className="tabular-nums">{money(cost.baseCents)}</dd>
                </div>
                {cost.lines
                  .filter((l) => l.unitCents !== null)
                  .map((l) => (
                    <div key={l.metric} className="flex justify-between gap-3">
                      <dt className="text-slate-500">
                        {l.label} overage ({n(l.overageUnits)} × {formatCents(l.unitCents ?? 0)})
                      </dt>
                      <dd className="tabular-nums">{money(l.costCents)}</dd>
                    </div>
                  ))}
                <div className="flex justify-between gap-3">
                  <dt className="text-slate-500">API requests ({n(cost.api.count)})</dt>
                  <dd className="tabular-nums">{money(cost.api.costCents)}</dd>
                </div>
                <div className="flex justify-between gap-3 border-t border-slate-100 pt-2 font-semibold">
                  <dt>Total</dt>
                  <dd className="tabular-nums">{money(cost.totalCents)}</dd>
                </div>
              </dl>
            </CardBody>
          </Card>
        </div>

        <Card>
          <CardHeader title="Daily usage" />
          <CardBody>
            {daily.some((d) => d.emails + d.sms + d.api > 0) ? (
              <UsageChart points={daily} />
            ) : (
              <EmptyState title="Nothing sent yet this month">Messages and API requests appear here by day as they happen.</EmptyState>
            )}
          </CardBody>
        </Card>

        {cost.api.endpoints.length > 0 ? (
          <Card>
            <CardHeader title="API requests by endpoint" />
            <DataTable
              head={
                <>
                <Th>Endpoint</Th>
                <Th className="text-right">Requests</Th>
                <Th className="text-right">Cost</Th>
                </>
              }
            >
              {cost.api.endpoints.map((e) => (
                <tr key={e.endpoint}>
                  <td className="px-5 py-2 font-mono text-xs">{e.endpoint}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{n(e.count)}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{money(e.costCents)}</td>
                </tr>
              ))}
            </DataTable>
          </Card>
        ) : null}

        <Card>
          <CardHeader title="Previous months" />
          {history.length === 0 ? (
            <CardBody>
              <EmptyState title="No earlier months yet">Each month&apos;s totals stay here once it is over.</EmptyState>
            </CardBody>
          ) : (
            <DataTable
              head={
                <>
                <Th>Month</Th>
                <Th className="text-right">E-mails</Th>
                <Th className="text-right">SMS</Th>
                <Th className="text-right">API requests</Th>
                </>
              }
            >
              {history.map((h) => (
                <tr key={h.month}>
                  <th scope="row" className="px-5 py-2 text-left font-normal">{monthLabel(h.month)}</th>
                  <td className="px-5 py-2 text-right tabular-nums">{n(h.emails)}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{n(h.sms)}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{n(h.api)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </>
  );
}
