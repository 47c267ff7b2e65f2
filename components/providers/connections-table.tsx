import Link from "next/link";
import { deleteConnectionAction, testConnectionAction } from "@/app/(dashboard)/o/[org]/providers/actions";
import { RowAction } from "@/components/ui/row-action";
import type { ConnectionListItem } from "@/lib/sending/connections/list-connections";
import { ConnectionStatusBadge } from "./connection-status-badge";
import { DataTable, Th } from "@/components/ui/data-table";

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Where a connection sends to, in one line, without any secret. */
function target(c: ConnectionListItem): string {
  if (c.kind === "smtp") return `${c.config.host}:${c.config.port}${c.config.user ? ` as ${c.config.user}` : ""}`;
  if (c.kind === "http_sms") return String(c.config.url);
  if (c.kind === "sendgrid") return "api.sendgrid.com";
  return "Kept for viewing";
}

export function ConnectionsTable({ slug, connections, canManage }: { slug: string; connections: ConnectionListItem[]; canManage: boolean }) {
  return (
    <DataTable caption="Provider connections"
      head={
        <>
        <Th>Name</Th>
        <Th className="hidden md:table-cell">Sends to</Th>
        <Th>Status</Th>
        <Th className="hidden text-right sm:table-cell">Senders</Th>
        {canManage ? <Th className="text-right"><span className="sr-only">Actions</span></Th> : null}
        </>
      }
    >
      {connections.map((c) => (
        <tr key={c.id} data-testid="connection-row" className="align-top">
          <td className="px-5 py-3">
            {canManage ? (
              <Link href={`/o/${slug}/providers/${c.id}`} className="font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
                {c.name}
              </Link>
            ) : (
              <span className="font-medium text-slate-900">{c.name}</span>
            )}
            <div className="text-slate-500">
              {c.kindLabel} · {c.channels.map((ch) => (ch === "sms" ? "SMS" : "e-mail")).join(" and ")}
            </div>
          </td>
          <td className="hidden max-w-64 truncate px-5 py-3 text-slate-600 md:table-cell">{target(c)}</td>
          <td className="px-5 py-3">
            <ConnectionStatusBadge status={c.status} />
            {c.lastError ? <p className="mt-1 max-w-72 text-xs text-red-700">{c.lastError}</p> : null}
            {c.lastTestedAt ? <p className="mt-1 text-xs text-slate-500">Tested {dateFmt.format(c.lastTestedAt)} UTC</p> : null}
          </td>
          <td className="hidden px-5 py-3 text-right tabular-nums sm:table-cell">{c.senderCount}</td>
          {canManage ? (
            <td className="px-5 py-3">
              <div className="flex flex-wrap justify-end gap-2">
                <RowAction action={testConnectionAction} fields={{ org: slug, id: c.id }} label="Test" srLabel={`Test ${c.name}`} />
                <RowAction
                  action={deleteConnectionAction}
                  fields={{ org: slug, id: c.id }}
                  label="Delete"
                  variant="ghost"
                  srLabel={`Delete ${c.name}`}
                  confirm={`Delete the connection “${c.name}”? Senders using it must be moved first.`}
                />
              </div>
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
