import type { Role } from "@/db/schema";

import type { IconName } from "./icons";

export type NavItem = { href: string; label: string; icon: IconName; minRole?: Role; group?: string };

/** The sidebar: only sections that exist. Later issues add Audience, Campaigns, Billing... here. */
export function orgNav(slug: string): NavItem[] {
  return [
    { href: `/o/${slug}`, label: "Overview", icon: "home" },
    { href: `/o/${slug}/contacts`, label: "Contacts", icon: "contacts", group: "Audience" },
    { href: `/o/${slug}/lists`, label: "Lists", icon: "list", group: "Audience" },
    { href: `/o/${slug}/segments`, label: "Segments", icon: "segment", group: "Audience" },
    { href: `/o/${slug}/imports`, label: "Imports", icon: "upload", group: "Audience" },
    { href: `/o/${slug}/suppressions`, label: "Suppressions", icon: "ban", group: "Audience" },
    { href: `/o/${slug}/campaigns`, label: "Campaigns", icon: "megaphone", group: "Messaging" },
    { href: `/o/${slug}/templates`, label: "Templates", icon: "template", group: "Messaging" },
    { href: `/o/${slug}/senders`, label: "Senders", icon: "send", group: "Messaging" },
    { href: `/o/${slug}/messages`, label: "Message log", icon: "inbox", group: "Messaging" },
    { href: `/o/${slug}/providers`, label: "Providers", icon: "plug", minRole: "admin", group: "Messaging" },
    { href: `/o/${slug}/team`, label: "Team", icon: "users", group: "Organization" },
    { href: `/o/${slug}/settings`, label: "Settings", icon: "settings", group: "Organization" },
    { href: `/o/${slug}/billing`, label: "Billing", icon: "card", minRole: "admin", group: "Organization" },
    { href: `/o/${slug}/usage`, label: "Usage", icon: "chart", minRole: "admin", group: "Organization" },
    { href: `/o/${slug}/api-keys`, label: "API keys", icon: "key", minRole: "admin", group: "Organization" },
    { href: `/o/${slug}/audit`, label: "Audit log", icon: "log", minRole: "admin", group: "Organization" },
  ];
}
