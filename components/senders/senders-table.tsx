import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { SenderListItem } from "@/lib/sending/senders/list-senders";
import { CapProgress } from "./cap-progress";
import { HealthBadge } from "./health-badge";
import { SenderStatusAction } from "./sender-status-action";

const rateFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function SendersTable({ slug, senders, canManage }: { slug: string; senders: SenderListItem[]; canManage: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Senders</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium">From</th>
            <th scope="col" className="hidden px-5 py-2 font-medium md:table-cell">Provider</th>
            <th scope="col" className="hidden px-5 py-2 text-right font-medium sm:table-cell">Rate</th>
            <th scope="col" className="px-5 py-2 font-medium">Sent today</th>
            <th scope="col" className="px-5 py-2 font-medium">Status</th>
            {canManage ? <th scope="col" className="px-5 py-2 text-right font-medium"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
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
        </tbody>
      </table>
    </div>
  );
}
