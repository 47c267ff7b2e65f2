import type { Metadata } from "next";
import { requireOrg } from "@/app/_lib/session";
import { UploadForm } from "@/components/imports/upload-form";
import { Card, CardBody, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Import a CSV" };

export default async function NewImportPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await requireOrg(slug);
  return (
    <>
      <PageHeader title="Import a CSV" description="Step 1 of 2: upload the file. Next you map its columns; nothing is imported until you start." />
      <Card>
        <CardBody>
          <UploadForm slug={org.slug} />
        </CardBody>
      </Card>
    </>
  );
}
