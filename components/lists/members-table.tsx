import { RowAction } from "@/components/ui/row-action";
import { Badge } from "@/components/ui/badge";
import { removeMemberAction } from "@/app/(dashboard)/o/[org]/lists/actions";
import { DataTable, Th } from "@/components/ui/data-table";

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
    <DataTable caption="List members"
      head={
        <>
        <Th>Contact</Th>
        <Th>Status</Th>
        <Th className="hidden md:table-cell">Added</Th>
        <Th className="text-right">
          <span className="sr-only">Actions</span>
        </Th>
        </>
      }
    >
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
    </DataTable>
  );
}
