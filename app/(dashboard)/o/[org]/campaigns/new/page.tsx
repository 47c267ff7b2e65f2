import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { emptyFormValues, loadEditorOptions } from "../campaign-page-data";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ channel?: string }> }) {
  const { org: slug } = await params;
  const { channel } = await searchParams;
  const { org, actor } = await requireOrg(slug);
  const options = await loadEditorOptions(actor);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${org.slug}/campaigns`} className="text-brand-700 hover:underline">
          ← Campaigns
        </Link>
      </p>
      <PageHeader title="New campaign" description="Save a draft first; the review, a test send and the launch follow on the next page." />
      <Card>
        <CardHeader title="Draft" />
        <CardBody>
          <CampaignForm slug={org.slug} orgTimezone={org.timezone} {...options} initial={emptyFormValues(channel === "sms" ? "sms" : "email")} />
        </CardBody>
      </Card>
    </>
  );
}
