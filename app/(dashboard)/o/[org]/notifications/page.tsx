import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { RowAction } from "@/components/ui/row-action";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { markReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function NotificationsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ before?: string }> }) {
  const { org: slug } = await params;
  const { before } = await searchParams;
  const { org, actor } = await requireOrg(slug);
  const { items, nextBefore } = await listNotifications(actor, { before: before && /^\d+$/.test(before) ? Number(before) : undefined });
  const unread = items.some((i) => !i.readAt);

  return (
    <>
      <PageHeader
        title="Notifications"
        description="Billing and usage alerts for this organization. Owners and admins also get them by e-mail."
        action={unread ? <RowAction action={markReadAction} fields={{ org: org.slug, id: "all" }} label="Mark all read" /> : null}
      />
      <Card>
        {items.length === 0 ? (
          <div className="p-5">
            <EmptyState title="No notifications">Usage warnings, payment problems and plan changes appear here.</EmptyState>
          </div>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((n) => (
              <li key={n.id} className="flex flex-wrap items-start justify-between gap-3 px-5 py-4" data-testid="notification">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {n.title} {n.readAt ? null : <Badge tone="brand">New</Badge>}
                  </p>
                  <p className="mt-0.5 text-sm text-slate-600">{n.body}</p>
                  <p className="mt-1 text-xs text-slate-400">
                    {dateFmt.format(n.createdAt)} UTC
                    {n.link ? (
                      <>
                        {" · "}
                        <Link href={n.link} className="font-medium text-brand-700 hover:underline">
                          Open
                        </Link>
                      </>
                    ) : null}
                  </p>
                </div>
                {n.readAt ? null : <RowAction action={markReadAction} fields={{ org: org.slug, id: String(n.id) }} label="Mark read" variant="ghost" srLabel={`Mark "${n.title}" read`} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {nextBefore ? (
        <p className="mt-4 text-center">
          <Link href={`/o/${org.slug}/notifications?before=${nextBefore}`} className="text-sm font-medium text-brand-700 hover:underline">
            Older notifications
          </Link>
        </p>
      ) : null}
    </>
  );
}
