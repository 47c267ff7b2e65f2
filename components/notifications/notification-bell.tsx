import Link from "next/link";
import { countUnreadNotifications } from "@/lib/notifications/list-notifications";
import type { Actor } from "@/lib/orgs/actor";

/** The header bell: a link to the notifications page with this user's unread count. */
export async function NotificationBell({ slug, actor }: { slug: string; actor: Actor }) {
  const unread = await countUnreadNotifications(actor);
  const label = unread ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <Link href={`/o/${slug}/notifications`} aria-label={label} title={label} className="relative inline-flex rounded-md p-2 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500">
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className="h-5 w-5" aria-hidden="true">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {unread ? (
        <span className="absolute -right-0.5 -top-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
