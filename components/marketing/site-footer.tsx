import Link from "next/link";
import { Logo } from "./logo";

const COLUMNS = [
  {
    title: "Product",
    links: [
      { href: "/#campaigns", label: "Campaigns" },
      { href: "/#audience", label: "Audience" },
      { href: "/#tracking", label: "Tracking" },
      { href: "/#analytics", label: "Analytics" },
    ],
  },
  {
    title: "Developers",
    links: [
      { href: "/#developers", label: "Transactional API" },
      { href: "/#developers", label: "SMTP relay" },
      { href: "/#tracking", label: "One-click unsubscribe" },
    ],
  },
  {
    title: "Account",
    links: [
      { href: "/pricing", label: "Pricing" },
      { href: "/sign-in", label: "Sign in" },
      { href: "/sign-up", label: "Start free" },
    ],
  },
] as const;

export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-slate-50">
      <div className="mx-auto grid max-w-6xl gap-10 px-4 py-14 sm:px-6 md:grid-cols-[1.4fr_repeat(3,1fr)] lg:px-8">
        <div className="max-w-xs">
          <Logo />
          <p className="mt-4 text-sm leading-6 text-slate-600">
            Email and SMS campaigns, transactional messages and the analytics behind them, for your whole team.
          </p>
        </div>
        {COLUMNS.map((column) => (
          <nav key={column.title} aria-label={column.title}>
            <h2 className="text-sm font-semibold text-slate-900">{column.title}</h2>
            <ul className="mt-4 space-y-3">
              {column.links.map((link) => (
                <li key={link.label}>
                  <Link href={link.href} className="text-sm text-slate-600 transition-colors hover:text-slate-900">
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
      <div className="border-t border-slate-200">
        <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-xs text-slate-500 sm:flex-row sm:items-center sm:justify-between sm:px-6 lg:px-8">
          <p>© Herald. All rights reserved.</p>
          <p>Email and SMS, sent on your recipients’ clock.</p>
        </div>
      </div>
    </footer>
  );
}
