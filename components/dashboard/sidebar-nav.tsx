"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { Icon } from "./icons";
import type { NavItem } from "./nav";

export function SidebarNav({ items, slug }: { items: NavItem[]; slug: string }) {
  const pathname = usePathname();
  // Remember the org so `/o` (after sign-in) reopens it.
  useEffect(() => {
    document.cookie = `herald_org=${encodeURIComponent(slug)}; path=/; max-age=31536000; samesite=lax`;
  }, [slug]);
  return (
    <nav aria-label="Main" className="space-y-1">
      {items.map((item, i) => {
        const heading = item.group && item.group !== items[i - 1]?.group ? item.group : null;
        const active = item.href === `/o/${slug}` ? pathname === item.href : pathname.startsWith(item.href);
        return (
          <div key={item.href}>
          {heading ? <p className="px-3 pb-1 pt-4 text-xs font-semibold uppercase tracking-wide text-slate-400">{heading}</p> : null}
          <Link
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium ${
              active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"
            }`}
          >
            <Icon name={item.icon} className="h-4 w-4" />
            {item.label}
          </Link>
          </div>
        );
      })}
    </nav>
  );
}
