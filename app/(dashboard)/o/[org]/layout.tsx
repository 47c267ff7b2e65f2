import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { AccountMenu } from "@/components/dashboard/account-menu";
import { Icon } from "@/components/dashboard/icons";
import { orgNav } from "@/components/dashboard/nav";
import { OrgSwitcher } from "@/components/dashboard/org-switcher";
import { SidebarNav } from "@/components/dashboard/sidebar-nav";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { atLeast } from "@/lib/orgs/actor";
import { listUserOrgs } from "@/lib/orgs/list-user-orgs";

export const dynamic = "force-dynamic";

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role, user, actor } = await requireOrg(slug);
  const orgs = await listUserOrgs(user.id);
  const items = orgNav(org.slug).filter((i) => !i.minRole || atLeast(role, i.minRole));
  const sidebar = (
    <div className="flex h-full flex-col gap-6 p-4">
      <Link href={`/o/${org.slug}`} className="px-1 text-xl font-bold tracking-tight text-brand-600">
        Herald
      </Link>
      <OrgSwitcher current={{ slug: org.slug, name: org.name, role }} orgs={orgs} />
      <SidebarNav items={items} slug={org.slug} />
    </div>
  );
  return (
    <div className="min-h-screen bg-slate-50 lg:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-white lg:block" aria-label="Sidebar">
        {sidebar}
      </aside>
      <div className="min-w-0 flex-1">
        <header className="flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2 lg:px-8">
          <details className="lg:hidden">
            <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md p-2 hover:bg-slate-100" aria-label="Open navigation">
              <Icon name="menu" />
            </summary>
            <div className="absolute left-0 right-0 z-30 mt-2 border-b border-slate-200 bg-white shadow-lg">{sidebar}</div>
          </details>
          <p className="truncate text-sm text-slate-500 lg:hidden">{org.name}</p>
          <div className="ml-auto flex items-center gap-1">
            <NotificationBell slug={org.slug} actor={actor} />
            <AccountMenu name={user.name} email={user.email} />
          </div>
        </header>
        <main id="main" className="mx-auto max-w-5xl px-4 py-8 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
