import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button";
import type { Plan } from "@/lib/billing/plans";
import { CheckIcon, CodeIcon, MailIcon, MessageIcon, ServerIcon, UsersIcon } from "./icons";
import {
  apiRequestsLabel,
  emailAllowanceLabel,
  formatCount,
  formatPlanPrice,
  overageEmailLabel,
  overageSmsLabel,
  smsAllowanceLabel,
} from "./pricing-format";

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

function Row({ icon, children, muted = false }: { icon: ReactNode; children: ReactNode; muted?: boolean }) {
  return (
    <li className={`flex gap-3 text-sm leading-6 ${muted ? "text-slate-400" : "text-slate-700"}`}>
      <span className={`mt-0.5 shrink-0 ${muted ? "text-slate-300" : "text-brand-600"}`}>{icon}</span>
      <span>{children}</span>
    </li>
  );
}

/** One plan, every figure read from the plan table. */
export function PlanCard({ plan, highlighted = false }: { plan: Plan; highlighted?: boolean }) {
  const headingId = `plan-${plan.id}`;
  const overageEmail = overageEmailLabel(plan);
  const overageSms = overageSmsLabel(plan);
  const free = plan.priceCents === 0;

  return (
    <article
      aria-labelledby={headingId}
      className={`relative flex flex-col rounded-2xl bg-white p-6 ${
        highlighted
          ? "shadow-xl shadow-brand-900/10 ring-2 ring-brand-600"
          : "shadow-xs ring-1 ring-slate-200"
      }`}
    >
      <div className="flex items-center justify-between gap-2">
        <h3 id={headingId} className={`text-lg font-semibold ${highlighted ? "text-brand-700" : "text-slate-900"}`}>
          {plan.name}
        </h3>
        {highlighted ? (
          <span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold text-brand-700 ring-1 ring-brand-200">
            Recommended
          </span>
        ) : null}
      </div>
      <p className="mt-2 min-h-12 text-sm leading-6 text-slate-600">{plan.tagline}</p>

      <p className="mt-6 flex items-baseline gap-1">
        <span className="text-4xl font-semibold tracking-tight text-slate-900">{formatPlanPrice(plan)}</span>
        <span className="text-sm text-slate-500">{free ? "no monthly fee" : "per month"}</span>
      </p>

      <ButtonLink
        href={`/sign-up?plan=${plan.id}`}
        variant={highlighted ? "primary" : "secondary"}
        className="mt-6 w-full"
        aria-label={free ? `Start for free on ${plan.name}` : undefined}
      >
        {free ? "Start for free" : `Choose ${plan.name}`}
      </ButtonLink>

      <h4 className="mt-8 text-xs font-semibold uppercase tracking-wide text-slate-500">Every month</h4>
      <ul className="mt-3 space-y-2.5">
        <Row icon={<MailIcon className="size-5" />}>{emailAllowanceLabel(plan)}</Row>
        <Row icon={<MessageIcon className="size-5" />} muted={plan.includedSms === 0}>
          {smsAllowanceLabel(plan)}
        </Row>
        <Row icon={<UsersIcon className="size-5" />}>{plural(plan.contacts, "contact", "contacts")}</Row>
        <Row icon={<UsersIcon className="size-5" />}>{plural(plan.seats, "team seat", "team seats")}</Row>
        <Row icon={<ServerIcon className="size-5" />}>{plural(plan.senders, "sender", "senders")}</Row>
      </ul>

      <h4 className="mt-6 text-xs font-semibold uppercase tracking-wide text-slate-500">Pay-as-you-go</h4>
      <ul className="mt-3 space-y-2.5">
        {overageEmail ? <Row icon={<MailIcon className="size-5" />}>{overageEmail}</Row> : null}
        {overageSms ? <Row icon={<MessageIcon className="size-5" />}>{overageSms}</Row> : null}
        {!overageEmail && !overageSms ? (
          <Row icon={<MailIcon className="size-5" />} muted>
            No extra sending beyond your credits
          </Row>
        ) : null}
        <Row icon={<CodeIcon className="size-5" />}>{apiRequestsLabel(plan)}</Row>
      </ul>

      <h4 className="mt-6 text-xs font-semibold uppercase tracking-wide text-slate-500">Highlights</h4>
      <ul className="mt-3 space-y-2.5">
        {plan.features.map((feature) => (
          <Row key={feature} icon={<CheckIcon className="size-5" />}>
            {feature}
          </Row>
        ))}
      </ul>
    </article>
  );
}
