import Link from "next/link";
import { Card, CardBody, CardHeader, EmptyState } from "@/components/ui/card";
import { listMessages } from "@/lib/messages/list-messages";
import type { Actor } from "@/lib/orgs/actor";
import { MessageStatusBadge } from "./message-status-badge";
import { When } from "./when";

const SHOWN = 10;

/** The contact page's "Messages" section: the latest few, each linking to the log's detail. */
export async function ContactMessages({ actor, slug, contactId }: { actor: Actor; slug: string; contactId: string }) {
  const page = await listMessages(actor, { contactId, limit: SHOWN });
  const logHref = `/o/${slug}/messages?contactId=${encodeURIComponent(contactId)}`;
  return (
    <Card>
      <CardHeader
        title="Messages"
        description="The latest messages to this contact."
        action={
          page.items.length ? (
            <Link href={logHref} className="text-sm text-brand-700 hover:underline">
              {page.nextCursor ? "See all in the message log" : "Open in the message log"}
            </Link>
          ) : null
        }
      />
      <CardBody>
        {page.items.length === 0 ? (
          <EmptyState title="Nothing sent yet">Messages from campaigns that include this contact appear here, with their status.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {page.items.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2 text-sm" data-testid="contact-message">
                <div className="min-w-0">
                  <Link href={`/o/${slug}/messages/${m.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {m.campaign?.name ?? "Message without a campaign"}
                  </Link>
                  <div className="text-xs text-slate-500">
                    {m.channel === "sms" ? "SMS" : "E-mail"} to {m.toAddress} · <When date={m.sentAt ?? m.createdAt} />
                  </div>
                </div>
                <MessageStatusBadge status={m.status} />
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
