import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { SegmentBuilder } from "@/components/segments/segment-builder";
import { PageHeader } from "@/components/ui/card";
import { loadBuilderOptions } from "@/lib/audience/segments/load-builder-options";

export const metadata: Metadata = { title: "New segment" };

export default async function NewSegmentPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, actor } = await requireOrg(slug);
  const options = await loadBuilderOptions(actor);
  return (
    <>
      <PageHeader
        title="New segment"
        action={
          <Link href={`/o/${org.slug}/segments`} className="text-sm text-brand-700 hover:underline">
            ← All segments
          </Link>
        }
      />
      <SegmentBuilder slug={org.slug} options={options} />
    </>
  );
}
