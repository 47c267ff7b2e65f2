import type { Metadata } from "next";
import { CtaSection } from "@/components/marketing/cta-section";
import { PlanCard } from "@/components/marketing/plan-card";
import { PlanComparison } from "@/components/marketing/plan-comparison";
import { PricingFaq } from "@/components/marketing/pricing-faq";
import { formatCount } from "@/components/marketing/pricing-format";
import { PLANS, PLAN_ORDER, type PlanId } from "@/lib/billing/plans";

export const metadata: Metadata = {
  title: "Pricing",
  description:
    "Herald plans from free to high volume: included emails and SMS every month, pay-as-you-go beyond them, and a free plan with monthly credits.",
};

/** The plan the cards draw attention to. */
const HIGHLIGHTED: PlanId = "pro";

export default function PricingPage() {
  const plans = PLAN_ORDER.map((id) => PLANS[id]);
  const freePlan = plans.find((p) => p.priceCents === 0);

  return (
    <>
      <section aria-labelledby="pricing-heading" className="relative isolate overflow-hidden">
        <div
          aria-hidden="true"
          className="absolute inset-x-0 -top-40 -z-10 mx-auto h-[28rem] max-w-4xl rounded-full bg-linear-to-br from-brand-200/60 via-sky-100/50 to-transparent blur-3xl"
        />
        <div className="mx-auto max-w-6xl px-4 pt-16 pb-12 text-center sm:px-6 sm:pt-24 lg:px-8">
          <p className="text-sm font-semibold text-brand-600">Pricing</p>
          <h1
            id="pricing-heading"
            className="mx-auto mt-3 max-w-3xl text-4xl font-semibold tracking-tight text-balance text-slate-900 sm:text-5xl"
          >
            Pricing that grows with your audience
          </h1>
          <p className="mx-auto mt-5 max-w-2xl text-lg leading-8 text-pretty text-slate-600">
            {freePlan
              ? `Start on ${freePlan.name} with ${formatCount(freePlan.monthlyCredits ?? freePlan.includedEmails)} free credits every month. `
              : null}
            Paid plans include a monthly volume of email and SMS, and you only pay for what you send beyond it.
          </p>
        </div>
      </section>

      <section aria-labelledby="plans-heading" className="mx-auto max-w-6xl px-4 sm:px-6 lg:px-8">
        <h2 id="plans-heading" className="sr-only">
          Plans
        </h2>
        <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-4">
          {plans.map((plan) => (
            <PlanCard key={plan.id} plan={plan} highlighted={plan.id === HIGHLIGHTED} />
          ))}
        </div>
        <p className="mt-6 text-center text-sm text-slate-500">
          Prices in US dollars, billed monthly. Pay-as-you-go usage is added to your monthly bill.
        </p>
      </section>

      <section aria-labelledby="compare-heading" className="mx-auto max-w-6xl px-4 pt-20 sm:px-6 sm:pt-28 lg:px-8">
        <div>
          <div className="max-w-2xl">
            <h2 id="compare-heading" className="text-3xl font-semibold tracking-tight text-slate-900">
              Compare plans
            </h2>
            <p className="mt-3 text-slate-600">Every limit and price, side by side.</p>
          </div>
          <div className="mt-10">
            <PlanComparison />
          </div>
        </div>
      </section>

      <section aria-labelledby="faq-heading" className="mx-auto max-w-6xl px-4 pt-20 sm:px-6 sm:pt-28 lg:px-8">
        <div className="grid gap-10 lg:grid-cols-[1fr_2fr]">
          <div>
            <h2 id="faq-heading" className="text-3xl font-semibold tracking-tight text-slate-900">
              Frequently asked questions
            </h2>
            <p className="mt-3 text-slate-600">Credits, limits and pay-as-you-go, explained.</p>
          </div>
          <PricingFaq />
        </div>
      </section>

      <CtaSection
        title="Send your first campaign today"
        body="Create a team in a minute, import your contacts and upgrade only when you need more."
        primary={{ href: "/sign-up", label: "Start free" }}
        secondary={{ href: "/#features", label: "Explore features" }}
      />
    </>
  );
}
