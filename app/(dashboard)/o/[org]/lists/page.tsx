import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { CreateListForm } from "@/components/lists/create-list-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { listLists } from "@/lib/audience/lists/list-lists";
import { DataTable, Th } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Lists" };

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });
const numFmt = new Intl.NumberFormat("en-US");

export default async function ListsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, actor } = await requireOrg(slug);
  const lists = await listLists(actor);

  return (
    <>
      <PageHeader title="Lists" description="Groups of contacts you send to. A contact can be on many lists; each list has its own public sign-up form." />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Create a list" />
          <CardBody>
            <CreateListForm slug={org.slug} />
          </CardBody>
        </Card>

        <Card>
          <CardHeader title={`Your lists (${lists.length})`} />
          {lists.length === 0 ? (
            <CardBody>
              <EmptyState title="No lists yet">Create your first list above, then add contacts to it by e-mail, from an import, or through its public sign-up form.</EmptyState>
            </CardBody>
          ) : (
            <DataTable caption="Lists"
              head={
                <>
                <Th>Name</Th>
                <Th className="text-right">Members</Th>
                <Th className="hidden sm:table-cell">Double opt-in</Th>
                <Th className="hidden md:table-cell">Created</Th>
                </>
              }
            >
              {lists.map((l) => (
                <tr key={l.id} data-testid="list-row">
                  <td className="px-5 py-3">
                    <Link href={`/o/${org.slug}/lists/${l.id}`} className="font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
                      {l.name}
                    </Link>
                    {l.description ? <div className="text-slate-500">{l.description}</div> : null}
                  </td>
                  <td className="px-5 py-3 text-right tabular-nums">{numFmt.format(l.memberCount)}</td>
                  <td className="hidden px-5 py-3 sm:table-cell">{l.doubleOptIn ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>}</td>
                  <td className="hidden px-5 py-3 text-slate-500 md:table-cell">{dateFmt.format(l.createdAt)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </>
  );
}
