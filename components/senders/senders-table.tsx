import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { SenderListItem } from "@/lib/sending/senders/list-senders";
import { CapProgress } from "./cap-progress";
import { HealthBadge } from "./health-badge";
import { SenderStatusAction } from "./sender-status-action";
import { DataTable, Th } from "@/components/ui/data-table";

const rateFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function SendersTable({ slug, senders, canManage }: { slug: string; senders: SenderListItem[]; canManage: boolean }) {
  return (
    <DataTable caption="Senders"
      head={
        <>
        <Th>From</Th>
        <Th className="hidden md:table-cell">Provider</Th>
        <Th className="hidden text-right sm:table-cell">Rate</Th>
        <Th>Sent today</Th>
        <Th>Status</Th>
        {canManage ? <Th className="text-right"><span className="sr-only">Actions</span></Th> : null}
        </>
      }
    >
      {senders.map((s) => (
        <tr key={s.id} data-testid="sender-row" className="align-top">
          <td className="px-5 py-3">
            <Link href={`/o/${slug}/senders/${s.id}`} className="font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
              {s.from}
            </Link>
            <div className="mt-1">
              <Badge tone={s.channel === "sms" ? "brand" : "gray"}>{s.channel === "sms" ? "SMS" : "E-mail"}</Badge>
            </div>
          </td>
          <td className="hidden px-5 py-3 text-slate-600 md:table-cell">
            {s.connectionName ?? "—"}
            {s.connectionStatus === "failing" ? <div className="text-xs text-red-700">Connection failing</div> : null}
          </td>
          <td className="hidden px-5 py-3 text-right tabular-nums sm:table-cell">{rateFmt.format(s.ratePerSecond)}/s</td>
          <td className="px-5 py-3">
            <CapProgress sent={s.sentToday} cap={s.dailyCap} />
          </td>
          <td className="px-5 py-3">
            <HealthBadge health={s.health} />
            {s.status === "failing" && s.lastError ? <p className="mt-1 max-w-64 text-xs text-red-700">{s.lastError}</p> : null}
          </td>
          {canManage ? (
            <td className="px-5 py-3 text-right">
              <SenderStatusAction slug={slug} id={s.id} status={s.status} from={s.from} />
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
