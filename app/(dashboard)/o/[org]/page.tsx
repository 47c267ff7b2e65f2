import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { getPlan } from "@/lib/billing/plans";
import { atLeast } from "@/lib/orgs/actor";
import { listTeam } from "@/lib/team/list-team";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role, actor, user } = await requireOrg(slug);
  const plan = getPlan(org.plan);
  const team = await listTeam(actor);
  const steps = [
    { done: Boolean(org.postalAddress), label: "Add your postal address", detail: "Every marketing e-mail needs it in the footer.", href: `/o/${org.slug}/settings` },
    { done: Boolean(org.defaultSenderEmail), label: "Set a default sender", detail: "The name and address your mail comes from.", href: `/o/${org.slug}/settings` },
    { done: team.members.length > 1 || team.invitations.length > 0, label: "Invite a teammate", detail: "Work on campaigns together.", href: `/o/${org.slug}/team` },
    { done: Boolean(user.passwordHash), label: "Set a password (optional)", detail: "Sign in without waiting for a code.", href: "/account" },
  ];
  const remaining = steps.filter((s) => !s.done).length;
  return (
    <>
      <PageHeader title={org.name} description={`You are ${role === "member" ? "a member" : `an ${role}`} of this organization.`} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Get set up" description={remaining ? `${remaining} of ${steps.length} steps left` : "All set. Nice work."} />
          <CardBody>
            <ul className="space-y-3">
              {steps.map((s) => (
                <li key={s.label} className="flex items-start gap-3">
                  <span
                    aria-hidden="true"
                    className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs ${s.done ? "bg-emerald-500 text-white" : "border border-slate-300"}`}
                  >
                    {s.done ? "✓" : ""}
                  </span>
                  <div>
                    <Link href={s.href} className={`font-medium ${s.done ? "text-slate-500 line-through" : "text-brand-700 hover:underline"}`}>
                      {s.label}
                    </Link>
                    <span className="sr-only">{s.done ? " (done)" : " (to do)"}</span>
                    <p className="text-sm text-slate-500">{s.detail}</p>
                  </div>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Plan" action={<Badge tone="brand">{plan.name}</Badge>} />
          <CardBody className="space-y-2 text-sm">
            {plan.monthlyCredits !== null ? (
              <p>
                <span className="text-2xl font-semibold text-slate-900">{org.credits.toLocaleString("en-US")}</span>{" "}
                <span className="text-slate-500">of {plan.monthlyCredits.toLocaleString("en-US")} monthly credits left</span>
              </p>
            ) : (
              <p className="text-slate-600">{plan.includedEmails.toLocaleString("en-US")} e-mails included each month.</p>
            )}
            <p className="text-slate-500">
              {team.members.length} of {plan.seats} seats used · {org.timezone}
            </p>
            {atLeast(role, "admin") ? (
              <Link href="/pricing" className="inline-block font-medium text-brand-700 hover:underline">
                Compare plans
              </Link>
            ) : null}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
