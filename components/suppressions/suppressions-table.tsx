import { removeSuppressionAction } from "@/app/(dashboard)/o/[org]/suppressions/actions";
import { RowAction } from "@/components/ui/row-action";
import { Badge } from "@/components/ui/badge";
import type { SuppressionRow } from "@/lib/audience/suppressions/list-suppressions";
import { REASON_LABELS } from "@/lib/audience/suppressions/reasons";
import { DataTable, Th } from "@/components/ui/data-table";

const TONES = { unsubscribed: "gray", hard_bounce: "amber", complaint: "red", manual: "brand", erased: "red" } as const;

export function SuppressionsTable({ slug, rows, canManage, timezone }: { slug: string; rows: SuppressionRow[]; canManage: boolean; timezone: string }) {
  const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: timezone });
  return (
    <DataTable caption="Suppressed addresses, newest first"
      head={
        <>
        <Th>Address</Th>
        <Th>Channel</Th>
        <Th>Reason</Th>
        <Th className="hidden md:table-cell">Source</Th>
        <Th className="hidden sm:table-cell">Added</Th>
        {canManage ? (
          <Th className="text-right">
            <span className="sr-only">Actions</span>
          </Th>
        ) : null}
        </>
      }
    >
      {rows.map((r) => (
        <tr key={r.id} data-testid="suppression-row">
          <td className="break-all px-5 py-3 font-medium text-slate-900">{r.address ?? <span className="italic text-slate-500">erased (kept as a hash)</span>}</td>
          <td className="px-5 py-3">{r.channel === "email" ? "E-mail" : "SMS"}</td>
          <td className="px-5 py-3">
            <Badge tone={TONES[r.reason]}>{REASON_LABELS[r.reason]}</Badge>
          </td>
          <td className="hidden px-5 py-3 text-slate-500 md:table-cell">{r.source ?? "—"}</td>
          <td className="hidden px-5 py-3 text-slate-500 sm:table-cell">{dateFmt.format(r.createdAt)}</td>
          {canManage ? (
            <td className="px-5 py-3 text-right">
              {r.reason === "erased" ? (
                <span className="text-xs text-slate-500">Permanent</span>
              ) : (
                <RowAction
                  action={removeSuppressionAction}
                  fields={{ org: slug, id: r.id }}
                  label="Remove"
                  variant="danger"
                  srLabel={`Remove the suppression of ${r.address}`}
                  confirm={`Remove ${r.address} from the suppression list? Messages can be sent to it again.`}
                />
              )}
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
