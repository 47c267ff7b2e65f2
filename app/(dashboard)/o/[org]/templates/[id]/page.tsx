import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrg } from "@/app/_lib/session";
import { TemplateEditor } from "@/components/templates/template-editor";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { RowAction } from "@/components/ui/row-action";
import { listAttributeDefinitions } from "@/lib/audience/attribute-definitions/list-attribute-definitions";
import { getTemplate } from "@/lib/content/templates/get-template";
import { isAppError } from "@/lib/errors";
import { deleteTemplateAction, duplicateTemplateAction } from "../actions";

export const metadata: Metadata = { title: "Edit template" };

export default async function TemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; id: string }>;
  searchParams: Promise<{ created?: string; duplicated?: string }>;
}) {
  const { org: slug, id } = await params;
  const { created, duplicated } = await searchParams;
  const { org, actor, user } = await requireOrg(slug);
  const template = await getTemplate(actor, { id }).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const attributes = await listAttributeDefinitions(actor);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${org.slug}/templates`} className="text-brand-700 hover:underline">
          ← Templates
        </Link>
      </p>
      <PageHeader
        title={template.name}
        description={<Badge tone={template.channel === "email" ? "brand" : "green"}>{template.channel === "email" ? "E-mail template" : "SMS template"}</Badge>}
        action={
          <div className="flex gap-2">
            <RowAction action={duplicateTemplateAction} fields={{ org: org.slug, id: template.id }} label="Duplicate" />
            <RowAction action={deleteTemplateAction} fields={{ org: org.slug, id: template.id }} label="Delete" variant="danger" confirm={`Delete "${template.name}"? Campaigns already sent keep their copy.`} />
          </div>
        }
      />
      {created ? <Alert tone="success" className="mb-4">Template created.</Alert> : null}
      {duplicated ? <Alert tone="success" className="mb-4">This is a copy; rename it and make it yours.</Alert> : null}
      <TemplateEditor
        key={template.id}
        slug={org.slug}
        channel={template.channel}
        templateId={template.id}
        attributes={attributes}
        testTo={user.email}
        initial={{
          name: template.name,
          subject: template.subject ?? "",
          preheader: template.preheader ?? "",
          html: template.html ?? "",
          text: template.text ?? "",
          smsBody: template.smsBody ?? "",
        }}
      />
    </>
  );
}
