import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { RowAction } from "@/components/ui/row-action";
import { listTemplates } from "@/lib/content/templates/list-templates";
import { deleteTemplateAction, duplicateTemplateAction } from "./actions";
import { DataTable, Th } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Templates" };

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function TemplatesPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ deleted?: string }> }) {
  const { org: slug } = await params;
  const { deleted } = await searchParams;
  const { org, actor } = await requireOrg(slug);
  const rows = await listTemplates(actor);
  const base = `/o/${org.slug}/templates`;
  const newButtons = (
    <div className="flex flex-wrap gap-2">
      <ButtonLink href={`${base}/new?channel=email`}>New e-mail template</ButtonLink>
      <ButtonLink href={`${base}/new?channel=sms`} variant="secondary">
        New SMS template
      </ButtonLink>
    </div>
  );
  return (
    <>
      <PageHeader title="Templates" description="Reusable e-mail and SMS content with merge tags. Campaigns copy a template's content when they launch." action={newButtons} />
      {deleted ? <Alert tone="success" className="mb-4">Template deleted.</Alert> : null}
      {rows.length === 0 ? (
        <EmptyState title="No templates yet" action={newButtons}>
          Write an e-mail once, personalise it with merge tags such as {"{{ contact.first_name }}"}, and preview it before anyone receives it.
        </EmptyState>
      ) : (
        <Card>
          <DataTable
            head={
              <>
              <Th>Name</Th>
              <Th>Channel</Th>
              <Th>Updated</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
              </>
            }
          >
            {rows.map((t) => (
              <tr key={t.id} data-testid="template-row">
                <td className="px-5 py-3">
                  <Link href={`${base}/${t.id}`} className="font-medium text-brand-700 hover:underline">
                    {t.name}
                  </Link>
                  {t.subject ? <p className="max-w-md truncate text-xs text-slate-500">{t.subject}</p> : null}
                </td>
                <td className="px-5 py-3">
                  <Badge tone={t.channel === "email" ? "brand" : "green"}>{t.channel === "email" ? "E-mail" : "SMS"}</Badge>
                </td>
                <td className="whitespace-nowrap px-5 py-3 text-slate-600">
                  <time dateTime={t.updatedAt.toISOString()}>{dateFormat.format(t.updatedAt)} UTC</time>
                </td>
                <td className="px-5 py-3">
                  <div className="flex justify-end gap-2">
                    <RowAction action={duplicateTemplateAction} fields={{ org: org.slug, id: t.id }} label="Duplicate" srLabel={`Duplicate ${t.name}`} />
                    <RowAction
                      action={deleteTemplateAction}
                      fields={{ org: org.slug, id: t.id }}
                      label="Delete"
                      variant="danger"
                      srLabel={`Delete ${t.name}`}
                      confirm={`Delete "${t.name}"? Campaigns already sent keep their copy.`}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        </Card>
      )}
    </>
  );
}
