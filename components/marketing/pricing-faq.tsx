import type { ReactNode } from "react";
import { PLANS, PLAN_ORDER } from "@/lib/billing/plans";
import { ChevronDownIcon } from "./icons";
import { formatCount, formatPer1000 } from "./pricing-format";

type Faq = { question: string; answer: ReactNode };

/** Answers are built from the plan table so they can never disagree with the cards above. */
function buildFaqs(): Faq[] {
  const plans = PLAN_ORDER.map((id) => PLANS[id]);
  const creditPlans = plans.filter((p) => p.monthlyCredits !== null);
  const paygPlans = plans.filter((p) => p.overageEmailCents !== null || p.overageSmsCents !== null);
  const smsPlans = plans.filter((p) => p.includedSms > 0);
  const creditPlan = creditPlans[0];
  const apiPrices = new Set(plans.map((p) => p.apiRequestCents));
  const firstPayg = paygPlans[0];
  const lastPayg = paygPlans[paygPlans.length - 1];

  const faqs: Faq[] = [];

  if (creditPlan) {
    faqs.push({
      question: "What is a credit?",
      answer: (
        <>
          <p>
            Credits are how the {creditPlan.name} plan is metered. You get{" "}
            {formatCount(creditPlan.monthlyCredits ?? 0)} credits every billing month, and every message you send
            uses one credit: one email to one recipient is one credit.
          </p>
          {paygPlans.length > 0 ? (
            <p>
              Paid plans don&apos;t count credits. They include a monthly volume of emails and SMS instead, with
              pay-as-you-go pricing beyond it.
            </p>
          ) : null}
        </>
      ),
    });
  }

  faqs.push({
    question: "What happens when I reach my plan's limit?",
    answer: (
      <>
        {creditPlan ? (
          <p>
            On {creditPlan.name}, sending stops once your credits are used up. Your credits are renewed at the start of
            the next billing month, or you can upgrade to keep sending right away.
          </p>
        ) : null}
        {paygPlans.length > 0 ? (
          <p>
            On {paygPlans.map((p) => p.name).join(", ").replace(/, ([^,]*)$/, " and $1")}, nothing stops: messages
            beyond your included volume are billed pay-as-you-go at your plan&apos;s rate.
          </p>
        ) : null}
        <p>
          Contacts, team seats and senders are fixed per plan. If you need more of them, move to a larger plan.
        </p>
      </>
    ),
  });

  if (firstPayg && lastPayg) {
    const range =
      firstPayg.overageEmailCents !== null && lastPayg.overageEmailCents !== null ? (
        firstPayg.id === lastPayg.id ? (
          <>
            {" "}
            Extra emails cost {formatPer1000(firstPayg.overageEmailCents)} per 1,000 on {firstPayg.name}.
          </>
        ) : (
          <>
            {" "}
            Extra emails cost {formatPer1000(firstPayg.overageEmailCents)} per 1,000 on {firstPayg.name}, down to{" "}
            {formatPer1000(lastPayg.overageEmailCents)} per 1,000 on {lastPayg.name}.
          </>
        )
      ) : null;
    faqs.push({
      question: "How does pay-as-you-go work?",
      answer: (
        <>
          <p>
            Every paid plan includes a monthly volume of emails and SMS. Past that, each extra message is charged at
            your plan&apos;s per-message rate and added to your monthly bill, so a busy month
            doesn&apos;t stop your sending.{range}
          </p>
          <p>
            {apiPrices.size === 1
              ? `API requests cost ${formatPer1000(plans[0].apiRequestCents)} per 1,000 on every plan.`
              : "API request prices differ per plan; see the comparison table above."}
          </p>
        </>
      ),
    });
  }

  if (smsPlans.length > 0 && smsPlans.length < plans.length) {
    const firstSms = smsPlans[0];
    faqs.push({
      question: "Which plans include SMS?",
      answer: (
        <p>
          SMS campaigns start on {firstSms.name}, which includes {formatCount(firstSms.includedSms)} SMS a month.{" "}
          {plans
            .filter((p) => p.includedSms === 0)
            .map((p) => p.name)
            .join(" and ")}{" "}
          {plans.filter((p) => p.includedSms === 0).length === 1 ? "is" : "are"} email only.
        </p>
      ),
    });
  }

  faqs.push({
    question: "Can I change plans?",
    answer: (
      <p>
        Yes. Upgrade or downgrade at any time from your team&apos;s billing settings. Before you downgrade, make sure
        your contacts, team seats and senders fit within the smaller plan&apos;s limits.
      </p>
    ),
  });

  return faqs;
}

/** Native <details> disclosures: open and close without JavaScript. */
export function PricingFaq() {
  const faqs = buildFaqs();
  return (
    <div className="divide-y divide-slate-200 rounded-2xl bg-white ring-1 ring-slate-200">
      {faqs.map((faq, i) => (
        <details key={faq.question} open={i === 0} className="group px-6 py-1">
          <summary className="flex cursor-pointer list-none items-center justify-between gap-4 py-4 [&::-webkit-details-marker]:hidden">
            <span className="font-medium text-slate-900">{faq.question}</span>
            <ChevronDownIcon className="size-5 shrink-0 text-slate-400 transition-transform group-open:rotate-180" />
          </summary>
          <div className="space-y-3 pb-5 text-sm leading-6 text-slate-600">{faq.answer}</div>
        </details>
      ))}
    </div>
  );
}
