import Link from "next/link";
import type { MessageListItem } from "@/lib/messages/message-view";
import { MessageStatusBadge } from "./message-status-badge";

// Day and time to the second, without the year: the log is read for recent work; the detail page has the full date.
const compact = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const th = "px-3 py-2 font-medium first:pl-5 last:pr-5";
const td = "px-3 py-3 first:pl-5 last:pr-5";

/**
 * The message log's rows, in the dashboard's table style with tighter cells: seven facts per
 * message have to fit the content width. Narrow screens keep recipient, status and time.
 */
export function MessagesTable({ slug, rows, caption = "Messages" }: { slug: string; rows: MessageListItem[]; caption?: string }) {
  const base = `/o/${slug}`;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className={th}>Recipient</th>
            <th scope="col" className={`${th} hidden md:table-cell`}>Campaign · sender</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={`${th} hidden text-right sm:table-cell`}>Attempts</th>
            <th scope="col" className={`${th} hidden lg:table-cell`}>Provider id · last error</th>
            <th scope="col" className={`${th} hidden sm:table-cell`}>Time (UTC)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((m) => (
            <tr key={m.id} data-testid="message-row" className="align-top">
              <td className={`${td} min-w-48 sm:min-w-52`}>
                <Link href={`${base}/messages/${m.id}`} className="font-medium text-brand-700 [overflow-wrap:anywhere] hover:underline">
                  {m.toAddress}
                </Link>
                <div className="text-xs text-slate-500">
                  {m.channel === "sms" ? "SMS" : "E-mail"} · <span className="font-mono">{m.id}</span>
                </div>
                <div className="text-xs text-slate-500 md:hidden">{m.campaign?.name ?? "No campaign"}</div>
                <div className="text-xs text-slate-500 sm:hidden">
                  <time dateTime={m.createdAt.toISOString()}>{compact.format(m.createdAt)}</time> UTC
                </div>
              </td>
              <td className={`${td} hidden min-w-36 md:table-cell`}>
                {m.campaign ? (
                  <Link href={`${base}/campaigns/${m.campaign.id}`} className="text-slate-900 hover:underline">
                    {m.campaign.name}
                  </Link>
                ) : (
                  <span className="text-slate-500">No campaign</span>
                )}
                <div className="text-xs text-slate-500 [overflow-wrap:anywhere]">{m.sender?.from ?? "No sender"}</div>
              </td>
              <td className={td}>
                <MessageStatusBadge status={m.status} />
              </td>
              <td className={`${td} hidden text-right tabular-nums sm:table-cell`}>{m.attempts}</td>
              <td className={`${td} hidden max-w-52 lg:table-cell`}>
                {m.providerMessageId ? (
                  <div className="truncate font-mono text-xs text-slate-600" title={m.providerMessageId}>
                    {m.providerMessageId}
                  </div>
                ) : null}
                {m.lastError ? (
                  <div className="line-clamp-2 text-xs text-red-700" title={m.lastError}>
                    {m.lastError}
                  </div>
                ) : null}
                {!m.providerMessageId && !m.lastError ? <span className="text-slate-400">—</span> : null}
              </td>
              <td className={`${td} hidden whitespace-nowrap text-xs text-slate-600 sm:table-cell`}>
                <time dateTime={m.createdAt.toISOString()}>{compact.format(m.createdAt)}</time>
                {m.status === "queued" && m.scheduledFor > m.createdAt ? (
                  <div className="text-slate-500">
                    due <time dateTime={m.scheduledFor.toISOString()}>{compact.format(m.scheduledFor)}</time>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
