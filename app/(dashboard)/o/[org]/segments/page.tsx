import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, EmptyState, PageHeader } from "@/components/ui/card";
import { listSegments } from "@/lib/audience/segments/list-segments";

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
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Saved segments</caption>
              <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">Name</th>
                  <th scope="col" className="px-5 py-2 text-right font-medium">Contacts</th>
                  <th scope="col" className="hidden px-5 py-2 font-medium sm:table-cell">Updated</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
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
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
