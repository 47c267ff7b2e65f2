import { RowAction } from "@/components/ui/row-action";
import { Badge } from "@/components/ui/badge";
import { removeMemberAction } from "@/app/(dashboard)/o/[org]/lists/actions";

type Member = {
  id: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  memberStatus: "subscribed" | "pending" | "unsubscribed";
  addedAt: Date;
};

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });
const tone = { subscribed: "green", pending: "amber", unsubscribed: "gray" } as const;

export function MembersTable({ slug, listId, members }: { slug: string; listId: string; members: Member[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">List members</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium">Contact</th>
            <th scope="col" className="px-5 py-2 font-medium">Status</th>
            <th scope="col" className="hidden px-5 py-2 font-medium md:table-cell">Added</th>
            <th scope="col" className="px-5 py-2 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((m) => {
            const name = [m.firstName, m.lastName].filter(Boolean).join(" ");
            const who = m.email ?? m.phone ?? m.id;
            return (
              <tr key={m.id} data-testid="member-row">
                <td className="px-5 py-3">
                  <div className="break-all font-medium text-slate-900">{who}</div>
                  {name ? <div className="text-slate-500">{name}</div> : null}
                </td>
                <td className="px-5 py-3">
                  <Badge tone={tone[m.memberStatus]}>{m.memberStatus}</Badge>
                </td>
                <td className="hidden px-5 py-3 text-slate-500 md:table-cell">{dateFmt.format(m.addedAt)}</td>
                <td className="px-5 py-3 text-right">
                  <RowAction action={removeMemberAction} fields={{ org: slug, listId, contactIds: m.id }} label="Remove" variant="ghost" srLabel={`Remove ${who} from the list`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
