import type { Role } from "@/db/schema";

export type NavItem = { href: string; label: string; icon: "home" | "users" | "settings" | "log"; minRole?: Role };

/** The sidebar: only sections that exist. Later issues add Audience, Campaigns, Billing... here. */
export function orgNav(slug: string): NavItem[] {
  return [
    { href: `/o/${slug}`, label: "Overview", icon: "home" },
    { href: `/o/${slug}/team`, label: "Team", icon: "users" },
    { href: `/o/${slug}/settings`, label: "Settings", icon: "settings" },
    { href: `/o/${slug}/audit`, label: "Audit log", icon: "log", minRole: "admin" },
  ];
}
