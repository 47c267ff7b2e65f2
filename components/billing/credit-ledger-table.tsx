import { EmptyState } from "@/components/ui/card";
import type { CreditEntry } from "@/db/schema";
import { DataTable, Th } from "@/components/ui/data-table";

type Entry = Pick<CreditEntry, "id" | "kind" | "delta" | "balanceAfter" | "reason" | "createdAt"> & { actorName: string | null; actorEmail: string | null };

const KIND = { grant: "Grant", use: "Sent", refund: "Refund", adjustment: "Adjustment" } as const;
const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Every change to the credit balance, newest first. */
export function CreditLedgerTable({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) {
    return (
      <div className="p-5">
        <EmptyState title="No credit changes yet">Each message sent takes a credit; grants, refunds and adjustments appear here too.</EmptyState>
      </div>
    );
  }
  return (
    <DataTable caption="Credit ledger"
      head={
        <>
        <Th>When (UTC)</Th>
        <Th>Change</Th>
        <Th className="text-right">Credits</Th>
        <Th className="text-right">Balance</Th>
        <Th className="hidden md:table-cell">Reason</Th>
        </>
      }
    >
      {entries.map((e) => (
        <tr key={e.id}>
          <td className="whitespace-nowrap px-5 py-2 text-slate-500">{dateFmt.format(e.createdAt)}</td>
          <td className="px-5 py-2">{KIND[e.kind]}</td>
          <td className={`px-5 py-2 text-right tabular-nums ${e.delta < 0 ? "text-slate-700" : "text-emerald-700"}`}>{e.delta > 0 ? `+${e.delta.toLocaleString("en-US")}` : e.delta.toLocaleString("en-US")}</td>
          <td className="px-5 py-2 text-right tabular-nums">{e.balanceAfter.toLocaleString("en-US")}</td>
          <td className="hidden px-5 py-2 text-slate-500 md:table-cell">
            {e.reason ?? ""}
            {e.actorName || e.actorEmail ? ` · ${e.actorName || e.actorEmail}` : ""}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
