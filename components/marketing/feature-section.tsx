import type { ReactNode } from "react";
import { CheckIcon } from "./icons";

type FeatureSectionProps = {
  id: string;
  eyebrow: string;
  icon: ReactNode;
  title: string;
  description: ReactNode;
  points: { title: string; body: string }[];
  visual: ReactNode;
  /** Put the visual on the left on large screens. */
  reverse?: boolean;
};

/** One product area: copy and bullet points beside an illustrative visual. */
export function FeatureSection({ id, eyebrow, icon, title, description, points, visual, reverse = false }: FeatureSectionProps) {
  const headingId = `${id}-heading`;
  return (
    <section id={id} aria-labelledby={headingId} className="scroll-mt-20 py-16 sm:py-24">
      <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 sm:px-6 lg:grid-cols-2 lg:gap-16 lg:px-8">
        <div className={reverse ? "lg:order-2" : undefined}>
          <p className="inline-flex items-center gap-2 text-sm font-semibold text-brand-600">
            <span className="flex size-7 items-center justify-center rounded-lg bg-brand-50 ring-1 ring-brand-100">{icon}</span>
            {eyebrow}
          </p>
          <h2 id={headingId} className="mt-4 text-3xl font-semibold tracking-tight text-balance text-slate-900 sm:text-4xl">
            {title}
          </h2>
          <p className="mt-4 text-lg leading-8 text-pretty text-slate-600">{description}</p>
          <ul className="mt-8 space-y-5">
            {points.map((point) => (
              <li key={point.title} className="flex gap-3">
                <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-brand-600 text-white">
                  <CheckIcon className="size-3.5" strokeWidth={2.4} />
                </span>
                <p className="text-sm leading-6 text-slate-600">
                  <strong className="font-semibold text-slate-900">{point.title}.</strong> {point.body}
                </p>
              </li>
            ))}
          </ul>
        </div>
        <div className={reverse ? "lg:order-1" : undefined}>{visual}</div>
      </div>
    </section>
  );
}

/** The framed panel every feature visual sits in. Decorative: hidden from assistive tech. */
export function VisualFrame({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <div aria-hidden="true" className={`relative ${className}`}>
      <div className="absolute -inset-3 -z-10 rounded-[1.75rem] bg-linear-to-br from-brand-50 to-slate-50" />
      <div className="rounded-2xl border border-slate-200 bg-white p-5 shadow-xl shadow-slate-900/5 ring-1 ring-slate-900/5 sm:p-6">
        {children}
      </div>
    </div>
  );
}
