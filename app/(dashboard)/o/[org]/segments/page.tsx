import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, EmptyState, PageHeader } from "@/components/ui/card";
import { listSegments } from "@/lib/audience/segments/list-segments";
import { DataTable, Th } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Segments" };

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });
const numFmt = new Intl.NumberFormat("en-US");

export default async function SegmentsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, actor } = await requireOrg(slug);
  const segments = await listSegments(actor);
  const newLink = (
    <ButtonLink href={`/o/${org.slug}/segments/new`} variant="primary">
      New segment
    </ButtonLink>
  );

  return (
    <>
      <PageHeader title="Segments" description="Saved questions about your audience: contacts are counted live, every time you look." action={segments.length ? newLink : undefined} />
      <Card>
        {segments.length === 0 ? (
          <CardBody>
            <EmptyState title="No segments yet" action={newLink}>
              Build a segment from tags, lists, attributes, status, timezone and sign-up date, and watch the count as you go.
            </EmptyState>
          </CardBody>
        ) : (
          <DataTable caption="Saved segments"
            head={
              <>
              <Th>Name</Th>
              <Th className="text-right">Contacts</Th>
              <Th className="hidden sm:table-cell">Updated</Th>
              </>
            }
          >
            {segments.map((s) => (
              <tr key={s.id} data-testid="segment-row">
                <td className="px-5 py-3">
                  <Link href={`/o/${org.slug}/segments/${s.id}`} className="font-medium text-brand-700 hover:underline">
                    {s.name}
                  </Link>
                  {s.error ? <div className="text-xs text-red-600">{s.error}</div> : null}
                </td>
                <td className="px-5 py-3 text-right tabular-nums">{s.count === null ? "—" : numFmt.format(s.count)}</td>
                <td className="hidden px-5 py-3 text-slate-500 sm:table-cell">{dateFmt.format(s.updatedAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
