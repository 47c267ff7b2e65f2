import { Badge } from "@/components/ui/badge";

type Row = { id: string; email: string | null; phone: string | null; name: string; status: string };

/** The first few matching contacts, newest first. */
export function SegmentPreview({ contacts, total }: { contacts: Row[]; total: number }) {
  if (contacts.length === 0) return <p className="border-t border-slate-100 px-5 py-4 text-sm text-slate-500">No contact matches these rules yet.</p>;
  return (
    <div className="border-t border-slate-100">
      <table className="w-full text-sm">
        <caption className="px-5 pt-3 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          {total > contacts.length ? `Newest ${contacts.length} of ${total.toLocaleString("en-US")}` : "All matches"}
        </caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Contact</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {contacts.map((c) => (
            <tr key={c.id} data-testid="segment-preview-row">
              <td className="px-5 py-2">
                <div className="break-all text-slate-900">{c.email ?? c.phone}</div>
                {c.name ? <div className="text-xs text-slate-500">{c.name}</div> : null}
              </td>
              <td className="px-5 py-2 text-right">
                <Badge tone={c.status === "subscribed" ? "green" : c.status === "pending" ? "amber" : "gray"}>{c.status}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
