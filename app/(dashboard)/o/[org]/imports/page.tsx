import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { ImportStatusBadge } from "@/components/imports/import-status-badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { listImports } from "@/lib/audience/imports/list-imports";
import { DataTable, Th } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Imports" };

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
const n = (v: number | null) => (v ?? 0).toLocaleString("en-US");

export default async function ImportsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, actor } = await requireOrg(slug);
  const rows = await listImports(actor);
  const newHref = `/o/${org.slug}/imports/new`;
  return (
    <>
      <PageHeader title="Imports" description="Bring contacts in from a CSV file: exports from Mailchimp, Brevo, listmonk or any spreadsheet." action={<ButtonLink href={newHref}>Import a CSV</ButtonLink>} />
      {rows.length === 0 ? (
        <EmptyState title="No imports yet" action={<ButtonLink href={newHref}>Import a CSV</ButtonLink>}>
          Upload a CSV of up to 1,000,000 rows; you choose how its columns map to contact fields before anything is imported.
        </EmptyState>
      ) : (
        <Card>
          <DataTable caption="Past imports"
            head={
              <>
              <Th>File</Th>
              <Th>Status</Th>
              <Th className="text-right">Created</Th>
              <Th className="hidden text-right sm:table-cell">Updated</Th>
              <Th className="hidden text-right sm:table-cell">Skipped</Th>
              <Th className="text-right">Failed</Th>
              <Th className="hidden md:table-cell">Started</Th>
              </>
            }
          >
            {rows.map((r) => (
              <tr key={r.id} data-testid="import-row">
                <td className="px-5 py-3">
                  <Link href={`/o/${org.slug}/imports/${r.id}`} className="font-medium text-brand-700 hover:underline">
                    {r.fileName}
                  </Link>
                </td>
                <td className="px-5 py-3">
                  <ImportStatusBadge status={r.status} />
                </td>
                <td className="px-5 py-3 text-right tabular-nums">{n(r.createdCount)}</td>
                <td className="hidden px-5 py-3 text-right tabular-nums sm:table-cell">{n(r.updatedCount)}</td>
                <td className="hidden px-5 py-3 text-right tabular-nums sm:table-cell">{n(r.skippedCount)}</td>
                <td className="px-5 py-3 text-right tabular-nums">{n(r.failedCount)}</td>
                <td className="hidden px-5 py-3 text-slate-500 md:table-cell">{dateFmt.format(r.createdAt)}</td>
              </tr>
            ))}
          </DataTable>
        </Card>
      )}
    </>
  );
}
