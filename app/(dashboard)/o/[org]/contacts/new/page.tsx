import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { ContactForm } from "@/components/contacts/contact-form";
import { Card, CardBody, PageHeader } from "@/components/ui/card";
import { listAttributeDefinitions } from "@/lib/audience/attribute-definitions/list-attribute-definitions";

export const metadata: Metadata = { title: "Add a contact" };

export default async function NewContactPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, actor } = await requireOrg(slug);
  const attributes = await listAttributeDefinitions(actor);
  return (
    <>
      <PageHeader
        title="Add a contact"
        description={
          <>
            Many at once? <Link href={`/o/${org.slug}/imports/new`} className="text-brand-700 underline">Import a CSV</Link> instead.
          </>
        }
      />
      <Card>
        <CardBody>
          <ContactForm slug={org.slug} attributes={attributes} timezones={Intl.supportedValuesOf("timeZone")} defaultCountry={org.defaultCountry} />
        </CardBody>
      </Card>
    </>
  );
}
