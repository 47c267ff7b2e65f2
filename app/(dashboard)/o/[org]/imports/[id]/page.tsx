import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireOrg } from "@/app/_lib/session";
import { ImportProgress } from "@/components/imports/import-progress";
import { ImportStatusBadge } from "@/components/imports/import-status-badge";
import { MappingForm } from "@/components/imports/mapping-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { getImportProgress } from "@/lib/audience/imports/get-import";
import { getImportPreview } from "@/lib/audience/imports/get-import-preview";
import { listImportErrors } from "@/lib/audience/imports/list-import-errors";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const { org, actor } = await requireOrg(slug);
  const preview = await getImportPreview(actor, id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const imp = preview.import;
  const header = <PageHeader title={imp.fileName} description={<ImportStatusBadge status={imp.status} />} action={<ButtonLink variant="secondary" href={`/o/${org.slug}/imports`}>All imports</ButtonLink>} />;

  if (imp.status === "uploaded" || (imp.status === "failed" && !imp.startedAt)) {
    return (
      <>
        {header}
        <Card>
          <CardHeader title="Step 2 of 2: map the columns" description="Each column goes to a contact field, a declared attribute, or nowhere. E-mail or phone is required." />
          <CardBody>
            <MappingForm
              slug={org.slug}
              importId={imp.id}
              headers={imp.headers}
              rows={preview.rows}
              suggested={preview.suggested}
              attributes={preview.attributes}
              lists={preview.lists}
            />
          </CardBody>
        </Card>
      </>
    );
  }

  const done = imp.status === "completed" || imp.status === "failed";
  const errors = done ? await listImportErrors(actor, imp.id, 100) : [];
  return (
    <>
      {header}
      <div className="space-y-6">
        {imp.status === "failed" ? <Alert tone="error">{imp.error ?? "The import failed."}</Alert> : null}
        {imp.status === "completed" && imp.error ? <Alert tone="warning">{imp.error}</Alert> : null}
        <Card>
          <CardHeader title={done ? "Result" : "Progress"} />
          <CardBody>
            {done ? (
              <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
                {(
                  [
                    ["Created", imp.createdCount],
                    ["Updated", imp.updatedCount],
                    ["Skipped", imp.skippedCount],
                    ["Failed", imp.failedCount],
                  ] as const
                ).map(([label, value]) => (
                  <div key={label}>
                    <dt className="text-sm text-slate-500">{label}</dt>
                    <dd className="text-2xl font-semibold tabular-nums text-slate-900" data-testid={`import-${label.toLowerCase()}`}>
                      {value.toLocaleString("en-US")}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : (
              <ImportProgress slug={org.slug} initial={await getImportProgress(actor, imp.id)} />
            )}
            {done ? <p className="mt-4 text-xs text-slate-500">Skipped: existing contacts left unchanged, and new addresses on the suppression list.</p> : null}
          </CardBody>
        </Card>
        {done ? (
          <Card>
            <CardHeader
              title="Rows not imported"
              description={imp.failedCount > 100 ? `The first 100 of ${imp.failedCount.toLocaleString("en-US")}.` : undefined}
              action={
                imp.failedCount > 0 ? (
                  <a className={buttonClass("secondary", "sm")} href={`/o/${org.slug}/imports/${imp.id}/failed`} download>
                    Download failed rows (CSV)
                  </a>
                ) : null
              }
            />
            <CardBody>
              {errors.length === 0 ? (
                <EmptyState title="Every row was accepted" />
              ) : (
                <div className="overflow-x-auto">
                  <table className="w-full text-sm">
                    <caption className="sr-only">Refused rows</caption>
                    <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                      <tr>
                        <th scope="col" className="py-2 pr-4 font-medium">Line</th>
                        <th scope="col" className="py-2 font-medium">Reason</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {errors.map((e, i) => (
                        <tr key={i} data-testid="import-error-row">
                          <td className="py-2 pr-4 tabular-nums">{e.line}</td>
                          <td className="py-2">{e.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
