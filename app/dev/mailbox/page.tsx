import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/card";
import { listOutbox } from "@/lib/mail/list-outbox";

export const metadata: Metadata = { title: "Dev mailbox" };

const fmt = new Intl.DateTimeFormat("en-US", { dateStyle: "short", timeStyle: "medium" });

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  const messages = await listOutbox({ to: q });
  return (
    <>
      <form className="mb-4 flex gap-2" role="search">
        <label htmlFor="q" className="sr-only">
          Filter by recipient or subject
        </label>
        <input id="q" name="q" defaultValue={q} placeholder="Filter by recipient or subject" className="w-full max-w-sm rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <button className="rounded-md border border-slate-300 bg-white px-3 text-sm">Filter</button>
      </form>
      {messages.length === 0 ? (
        <EmptyState title="The outbox is empty">Sign-in codes, invitations and (later) campaign messages appear here when no mail provider is configured.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {messages.map((m) => (
            <li key={m.id}>
              <Link href={`/dev/mailbox/${m.id}`} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3 hover:bg-slate-50" data-testid="mailbox-item">
                <span className="min-w-0">
                  <span className="block truncate font-medium text-slate-900">{m.subject ?? "(SMS)"}</span>
                  <span className="block truncate text-sm text-slate-500">
                    To {m.to} · from {m.from}
                  </span>
                </span>
                <time className="text-xs text-slate-500" dateTime={m.createdAt.toISOString()}>
                  {fmt.format(m.createdAt)}
                </time>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
