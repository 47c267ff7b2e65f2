import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { CodeSample } from "@/components/marketing/code-sample";
import { CtaSection } from "@/components/marketing/cta-section";
import { FeatureSection } from "@/components/marketing/feature-section";
import {
  AnalyticsVisual,
  ApiKeyCard,
  AudienceVisual,
  BillingVisual,
  ScheduleVisual,
  SmtpRelayCard,
  TrackingVisual,
} from "@/components/marketing/feature-visuals";
import { HeroIllustration } from "@/components/marketing/hero-illustration";
import {
  ArrowRightIcon,
  ChartIcon,
  CodeIcon,
  CreditCardIcon,
  GlobeIcon,
  MailIcon,
  ShieldCheckIcon,
  UsersIcon,
} from "@/components/marketing/icons";
import { formatCount } from "@/components/marketing/pricing-format";
import { PLANS, PLAN_ORDER } from "@/lib/billing/plans";

export const metadata: Metadata = {
  title: { absolute: "Herald: email and SMS campaigns, transactional API and tracking" },
  description:
    "Schedule email and SMS campaigns in each recipient's timezone and business hours, send transactional mail through a REST API or SMTP relay, and track opens, clicks and one-click unsubscribes.",
};

const hobby = PLANS.hobby;
/** The first plan whose feature list mentions analytics, so the copy follows the plan table. */
const analyticsPlan = PLAN_ORDER.map((id) => PLANS[id]).find((p) => p.features.some((f) => /analytics/i.test(f)));

const OVERVIEW = [
  {
    href: "#campaigns",
    icon: <MailIcon className="size-5" />,
    title: "Email and SMS campaigns",
    body: "Schedule sends, deliver in each recipient's timezone, respect business hours, pause and resume at will.",
  },
  {
    href: "#audience",
    icon: <UsersIcon className="size-5" />,
    title: "Audience",
    body: "Contacts, lists and segments, with CSV import that maps your columns in a minute.",
  },
  {
    href: "#developers",
    icon: <CodeIcon className="size-5" />,
    title: "Transactional API and SMTP",
    body: "Send receipts and alerts with one REST call, or point any SMTP client at the relay.",
  },
  {
    href: "#tracking",
    icon: <ShieldCheckIcon className="size-5" />,
    title: "Tracking and unsubscribe",
    body: "Open and click tracking, plus RFC 8058 one-click unsubscribe that mailbox providers expect.",
  },
  {
    href: "#analytics",
    icon: <ChartIcon className="size-5" />,
    title: "Analytics",
    body: "Delivery, open and click rates per campaign and over time, for email and SMS alike.",
  },
  {
    href: "#billing",
    icon: <CreditCardIcon className="size-5" />,
    title: "Teams and billing",
    body: "Owner, admin and member roles, plans that grow with you, credits and pay-as-you-go.",
  },
];

const PROOF_POINTS = [
  { title: "Email + SMS", body: "Two channels, one audience" },
  { title: "REST + SMTP", body: "Transactional sending your way" },
  { title: "RFC 8058", body: "One-click unsubscribe built in" },
  { title: "Local time", body: "Per-recipient timezones" },
];

export default function LandingPage() {
  return (
    <>
      {/* Hero */}
      <section aria-labelledby="hero-heading" className="relative isolate overflow-hidden">
        <svg
          aria-hidden="true"
          className="absolute inset-0 -z-10 h-full w-full stroke-slate-200 [mask-image:radial-gradient(100%_70%_at_top_right,white,transparent)]"
        >
          <defs>
            <pattern id="hero-grid" width="56" height="56" x="50%" y="-1" patternUnits="userSpaceOnUse">
              <path d="M56 0H0v56" fill="none" />
            </pattern>
          </defs>
          <rect width="100%" height="100%" strokeWidth="0" fill="url(#hero-grid)" />
        </svg>
        <div
          aria-hidden="true"
          className="absolute -top-40 right-0 -z-10 h-[32rem] w-[48rem] rounded-full bg-linear-to-br from-brand-200/70 via-sky-100/60 to-transparent blur-3xl"
        />

        <div className="mx-auto grid max-w-6xl items-center gap-14 px-4 pt-16 pb-20 sm:px-6 sm:pt-24 lg:grid-cols-[1fr_1.05fr] lg:gap-12 lg:px-8 lg:pb-28">
          <div>
            <Link
              href="#developers"
              className="inline-flex items-center gap-2 rounded-full bg-white px-3 py-1 text-sm text-slate-600 shadow-xs ring-1 ring-slate-200 transition hover:ring-slate-300"
            >
              <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700">API</span>
              Transactional email with one request
              <ArrowRightIcon className="size-3.5" />
            </Link>
            <h1
              id="hero-heading"
              className="mt-6 text-4xl font-semibold tracking-tight text-balance text-slate-900 sm:text-5xl lg:text-6xl"
            >
              Email and SMS that arrive when people are{" "}
              <span className="bg-linear-to-r from-brand-600 to-sky-500 bg-clip-text text-transparent">listening</span>
            </h1>
            <p className="mt-6 max-w-xl text-lg leading-8 text-pretty text-slate-600">
              Herald is one platform for campaigns and transactional messages. Schedule email and SMS in every
              recipient&apos;s timezone and business hours, send receipts through a REST API or SMTP relay, and see
              every open, click and unsubscribe.
            </p>
            <div className="mt-10 flex flex-col gap-3 sm:flex-row sm:items-center">
              <ButtonLink href="/sign-up" size="lg">
                Start free
                <ArrowRightIcon className="size-4" />
              </ButtonLink>
              <ButtonLink href="/pricing" size="lg" variant="secondary">
                See pricing
              </ButtonLink>
            </div>
            <p className="mt-5 text-sm text-slate-500">
              The {hobby.name} plan is free, with {formatCount(hobby.monthlyCredits ?? hobby.includedEmails)} credits
              every month.
            </p>
          </div>
          <HeroIllustration />
        </div>
      </section>

      {/* Proof points */}
      <section aria-label="Highlights" className="border-y border-slate-200 bg-slate-50/70">
        <ul className="mx-auto grid max-w-6xl grid-cols-2 divide-slate-200 px-4 sm:px-6 md:grid-cols-4 md:divide-x lg:px-8">
          {PROOF_POINTS.map((p) => (
            <li key={p.title} className="px-2 py-6 text-center md:px-6">
              <p className="text-lg font-semibold tracking-tight text-slate-900">{p.title}</p>
              <p className="mt-1 text-sm text-slate-500">{p.body}</p>
            </li>
          ))}
        </ul>
      </section>

      {/* Overview */}
      <section id="features" aria-labelledby="features-heading" className="scroll-mt-20 py-20 sm:py-28">
        <div className="mx-auto max-w-6xl px-4 sm:px-6 lg:px-8">
          <div className="mx-auto max-w-2xl text-center">
            <p className="text-sm font-semibold text-brand-600">Features</p>
            <h2 id="features-heading" className="mt-3 text-3xl font-semibold tracking-tight text-balance text-slate-900 sm:text-4xl">
              Everything between “draft” and “delivered”
            </h2>
            <p className="mt-4 text-lg leading-8 text-pretty text-slate-600">
              Marketing campaigns and product messages share one audience, one set of senders and one place to see
              what happened.
            </p>
          </div>
          <ul className="mt-14 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {OVERVIEW.map((f) => (
              <li key={f.href}>
                <Link
                  href={f.href}
                  className="group flex h-full flex-col rounded-2xl border border-slate-200 bg-white p-6 transition hover:-translate-y-0.5 hover:border-brand-200 hover:shadow-lg hover:shadow-brand-900/5"
                >
                  <span className="flex size-10 items-center justify-center rounded-xl bg-brand-50 text-brand-600 ring-1 ring-brand-100">
                    {f.icon}
                  </span>
                  <h3 className="mt-5 font-semibold text-slate-900">{f.title}</h3>
                  <p className="mt-2 flex-1 text-sm leading-6 text-slate-600">{f.body}</p>
                  <span className="mt-4 inline-flex items-center gap-1 text-sm font-medium text-brand-600">
                    Learn more
                    <ArrowRightIcon className="size-4 transition-transform group-hover:translate-x-0.5" />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <FeatureSection
        id="campaigns"
        eyebrow="Campaigns"
        icon={<GlobeIcon className="size-4" />}
        title="Send at 9 a.m., wherever 9 a.m. is"
        description="Build an email or SMS campaign, choose who gets it and when. Herald delivers at the scheduled local time for every recipient and never outside the hours you allow."
        points={[
          { title: "Email and SMS", body: "Run campaigns on either channel against the same contacts, lists and segments." },
          { title: "Scheduling", body: "Send right away or pick a date and time, and let Herald take it from there." },
          {
            title: "Recipient timezone",
            body: "Each contact gets the message at the scheduled time in their own timezone, not yours.",
          },
          { title: "Business hours", body: "Set allowed days and hours; anything outside the window waits for the next one." },
          { title: "Pause and resume", body: "Hold a campaign mid-send and resume when you are ready; delivery picks up where it stopped." },
        ]}
        visual={<ScheduleVisual />}
      />

      <div className="bg-slate-50/70">
        <FeatureSection
          id="audience"
          eyebrow="Audience"
          reverse
          icon={<UsersIcon className="size-4" />}
          title="Your contacts, organised the way you think"
          description="Keep one record per person with their email, phone number and timezone, then slice your audience into lists and segments."
          points={[
            { title: "Contacts", body: "One profile per person across email and SMS, with their timezone for local-time delivery." },
            { title: "Lists", body: "Group contacts by hand for newsletters, launches or beta programmes." },
            { title: "Segments", body: "Rules that stay up to date as contacts change, so every send reaches the right people." },
            { title: "CSV import", body: "Upload a spreadsheet, map its columns to fields and bring thousands of contacts in at once." },
          ]}
          visual={<AudienceVisual />}
        />
      </div>

      {/* Developers */}
      <section
        id="developers"
        aria-labelledby="developers-heading"
        className="relative isolate scroll-mt-20 overflow-hidden bg-slate-900 py-20 sm:py-28"
      >
        <div
          aria-hidden="true"
          className="absolute -left-40 top-0 -z-10 h-[30rem] w-[40rem] rounded-full bg-brand-600/25 blur-3xl"
        />
        <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 sm:px-6 lg:grid-cols-2 lg:gap-16 lg:px-8">
          <div>
            <p className="inline-flex items-center gap-2 text-sm font-semibold text-brand-200">
              <span className="flex size-7 items-center justify-center rounded-lg bg-white/10 ring-1 ring-white/15">
                <CodeIcon className="size-4" />
              </span>
              Developers
            </p>
            <h2 id="developers-heading" className="mt-4 text-3xl font-semibold tracking-tight text-balance text-white sm:text-4xl">
              Transactional messages with one request
            </h2>
            <p className="mt-4 text-lg leading-8 text-pretty text-slate-300">
              Password resets, receipts and alerts go through the same infrastructure as your campaigns, with the same
              tracking and analytics. Use the REST API from any language, or the SMTP relay when changing code
              isn&apos;t an option.
            </p>
            <div className="mt-8 grid gap-4">
              <ApiKeyCard />
              <SmtpRelayCard />
            </div>
          </div>
          <CodeSample />
        </div>
      </section>

      <FeatureSection
        id="tracking"
        eyebrow="Tracking and unsubscribe"
        icon={<ShieldCheckIcon className="size-4" />}
        title="Know what landed. Respect who leaves."
        description="Every message is tracked from delivery to click, and every marketing email lets people opt out in one click, the way Gmail and Yahoo require of bulk senders."
        points={[
          { title: "Open tracking", body: "See who opened each email and when, per campaign and per contact." },
          { title: "Click tracking", body: "Links are tracked automatically, so you know which call to action worked." },
          {
            title: "One-click unsubscribe",
            body: "List-Unsubscribe and List-Unsubscribe-Post headers per RFC 8058, so mail apps can show a native unsubscribe button.",
          },
          { title: "Suppression", body: "People who unsubscribe stay out of future campaigns without anyone lifting a finger." },
        ]}
        visual={<TrackingVisual />}
      />

      <div className="bg-slate-50/70">
        <FeatureSection
          id="analytics"
          eyebrow="Analytics"
          reverse
          icon={<ChartIcon className="size-4" />}
          title="Numbers you can act on"
          description="Follow a campaign while it sends, compare it with the last one and watch your engagement trend over weeks, across email and SMS."
          points={[
            { title: "Campaign reports", body: "Delivered, opened, clicked and unsubscribed, with rates and counts side by side." },
            { title: "Trends over time", body: "Spot the week open rates dipped and the subject line that brought them back." },
            {
              title: "Daily reports",
              body: analyticsPlan
                ? `A day-by-day view of your sending. Analytics and daily reports come with the ${analyticsPlan.name} plan and up.`
                : "A day-by-day view of your sending, so trends show up before they become problems.",
            },
          ]}
          visual={<AnalyticsVisual />}
        />
      </div>

      <FeatureSection
        id="billing"
        eyebrow="Teams and billing"
        icon={<CreditCardIcon className="size-4" />}
        title="Built for teams, billed by what you send"
        description="Invite your colleagues, give each the access they need and pay for the volume you actually use."
        points={[
          { title: "Roles", body: "Invite teammates as owners, admins or members, so everyone gets the access they need." },
          {
            title: "Credits",
            body: `The ${hobby.name} plan comes with ${formatCount(hobby.monthlyCredits ?? hobby.includedEmails)} free credits every month, one per message.`,
          },
          {
            title: "Pay-as-you-go",
            body: "Paid plans include a monthly volume of email and SMS; go past it and you simply pay per extra message.",
          },
          { title: "Change any time", body: "Move between plans as your audience grows, from the team's billing settings." },
        ]}
        visual={<BillingVisual />}
      />

      <CtaSection
        title="Your next campaign could be in inboxes by 9 a.m."
        body={`Start on the free ${hobby.name} plan, import your contacts and send your first message in minutes. Upgrade when you need more.`}
      />
    </>
  );
}
