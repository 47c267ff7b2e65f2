import { ButtonLink } from "@/components/ui/button";
import { ArrowRightIcon } from "./icons";

type CtaSectionProps = {
  title: string;
  body: string;
  primary?: { href: string; label: string };
  secondary?: { href: string; label: string };
};

/** The closing call to action: a dark brand panel with two buttons. */
export function CtaSection({
  title,
  body,
  primary = { href: "/sign-up", label: "Start free" },
  secondary = { href: "/pricing", label: "See pricing" },
}: CtaSectionProps) {
  return (
    <section aria-labelledby="cta-heading" className="px-4 py-16 sm:px-6 sm:py-24 lg:px-8">
      <div className="relative mx-auto max-w-6xl overflow-hidden rounded-3xl bg-brand-900 px-6 py-16 text-center shadow-2xl sm:px-16">
        <svg
          aria-hidden="true"
          className="absolute inset-0 h-full w-full stroke-white/10 [mask-image:radial-gradient(60%_60%_at_50%_40%,white,transparent)]"
        >
          <defs>
            <pattern id="cta-grid" width="40" height="40" patternUnits="userSpaceOnUse">
              <path d="M40 0H0v40" fill="none" />
            </pattern>
          </defs>
          <rect width="100%" height="100%" fill="url(#cta-grid)" />
        </svg>
        <div className="absolute -top-24 left-1/2 h-64 w-[36rem] -translate-x-1/2 rounded-full bg-brand-500/40 blur-3xl" aria-hidden="true" />
        <div className="relative">
          <h2 id="cta-heading" className="mx-auto max-w-2xl text-3xl font-semibold tracking-tight text-balance text-white sm:text-4xl">
            {title}
          </h2>
          <p className="mx-auto mt-4 max-w-xl text-lg leading-8 text-pretty text-brand-100">{body}</p>
          <div className="mt-10 flex flex-col items-center justify-center gap-3 sm:flex-row">
            <ButtonLink href={primary.href} size="lg" variant="secondary">
              {primary.label}
              <ArrowRightIcon className="size-4" />
            </ButtonLink>
            <ButtonLink href={secondary.href} size="lg" className="bg-white/10! ring-1 ring-white/25 hover:bg-white/20!">
              {secondary.label}
            </ButtonLink>
          </div>
        </div>
      </div>
    </section>
  );
}
