import Link from "next/link";
import { Icon } from "./icons";

type OrgItem = { slug: string; name: string; role: string };

/** A disclosure (works without JS, keyboard-operable) listing the user's orgs. */
export function OrgSwitcher({ current, orgs }: { current: OrgItem; orgs: OrgItem[] }) {
  return (
    <details className="group relative">
      <summary
        className="flex cursor-pointer list-none items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-left text-sm hover:bg-slate-50"
        aria-label={`Organization: ${current.name}. Switch organization`}
      >
        <span className="min-w-0">
          <span className="block truncate font-semibold text-slate-900">{current.name}</span>
          <span className="block text-xs capitalize text-slate-500">{current.role}</span>
        </span>
        <Icon name="chevron" className="h-4 w-4 shrink-0 text-slate-400 group-open:rotate-180" />
      </summary>
      <div className="absolute left-0 right-0 z-20 mt-1 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        <p className="px-3 py-1 text-xs font-medium uppercase tracking-wide text-slate-400">Organizations</p>
        <ul>
          {orgs.map((o) => (
            <li key={o.slug}>
              <Link
                href={`/o/${o.slug}`}
                aria-current={o.slug === current.slug ? "true" : undefined}
                className="flex items-center justify-between px-3 py-2 text-sm hover:bg-slate-50 aria-[current=true]:font-semibold"
              >
                <span className="truncate">{o.name}</span>
                <span className="text-xs capitalize text-slate-400">{o.role}</span>
              </Link>
            </li>
          ))}
        </ul>
        <div className="mt-1 border-t border-slate-100 pt-1">
          <Link href="/onboarding" className="block px-3 py-2 text-sm text-brand-700 hover:bg-slate-50">
            + New organization
          </Link>
        </div>
      </div>
    </details>
  );
}
