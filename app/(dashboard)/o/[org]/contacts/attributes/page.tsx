import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { AttributeForm } from "@/components/contacts/attribute-form";
import { RowAction } from "@/components/ui/row-action";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { listAttributeDefinitions } from "@/lib/audience/attribute-definitions/list-attribute-definitions";
import { can } from "@/lib/audience/contacts/permissions";
import { deleteAttributeAction } from "./actions";
import { DataTable, Th } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Custom attributes" };

const TYPE_LABEL = { text: "Text", number: "Number", date: "Date", boolean: "True/false" } as const;

export default async function AttributesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role, actor } = await requireOrg(slug);
  const defs = await listAttributeDefinitions(actor);
  const canManage = can(role, "manageAttributes");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${org.slug}/contacts`} className="text-brand-700 hover:underline">
          ← Contacts
        </Link>
      </p>
      <PageHeader
        title="Custom attributes"
        description="Fields of your own on every contact (plan, city, renewal date...). Values are checked against the type you declare; segments can filter on them."
      />
      <div className="space-y-6">
        {canManage ? (
          <Card>
            <CardHeader title="Declare an attribute" />
            <CardBody>
              <AttributeForm slug={org.slug} />
            </CardBody>
          </Card>
        ) : null}
        <Card>
          <CardHeader title={`Attributes (${defs.length})`} />
          {defs.length === 0 ? (
            <CardBody>
              <EmptyState title="No custom attributes yet">
                {canManage ? "Declare one above; it then appears on every contact's form and in the CSV import mapping." : "Owners and admins can declare attributes."}
              </EmptyState>
            </CardBody>
          ) : (
            <DataTable
              head={
                <>
                <Th>Name</Th>
                <Th>Key</Th>
                <Th>Type</Th>
                <Th className="text-right">
                  <span className="sr-only">Actions</span>
                </Th>
                </>
              }
            >
              {defs.map((d) => (
                <tr key={d.id} data-testid="attribute-row">
                  <td className="px-5 py-3 font-medium text-slate-900">{d.label}</td>
                  <td className="px-5 py-3">
                    <code className="text-xs">{d.key}</code>
                  </td>
                  <td className="px-5 py-3">
                    <Badge>{TYPE_LABEL[d.type]}</Badge>
                  </td>
                  <td className="px-5 py-3 text-right">
                    {canManage ? (
                      <RowAction
                        action={deleteAttributeAction}
                        fields={{ org: org.slug, id: d.id }}
                        label="Delete"
                        variant="danger"
                        confirm={`Delete "${d.key}"? Its value is removed from every contact.`}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </>
  );
}
