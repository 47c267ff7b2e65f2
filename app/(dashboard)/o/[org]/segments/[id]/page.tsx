import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrg } from "@/app/_lib/session";
import { SegmentBuilder } from "@/components/segments/segment-builder";
import { RowAction } from "@/components/ui/row-action";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { getSegment } from "@/lib/audience/segments/get-segment";
import { loadBuilderOptions } from "@/lib/audience/segments/load-builder-options";
import { isAppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { deleteSegmentAction } from "../actions";

export const metadata: Metadata = { title: "Segment" };

async function load(actor: Actor, segmentId: string) {
  try {
    return await getSegment(actor, { segmentId });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export default async function SegmentPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const { org, actor } = await requireOrg(slug);
  const [segment, options] = await Promise.all([load(actor, id), loadBuilderOptions(actor)]);
  return (
    <>
      <PageHeader
        title={segment.name}
        action={
          <Link href={`/o/${org.slug}/segments`} className="text-sm text-brand-700 hover:underline">
            ← All segments
          </Link>
        }
      />
      <div className="space-y-6">
        <SegmentBuilder key={segment.updatedAt.toISOString()} slug={org.slug} options={options} segment={{ id: segment.id, name: segment.name, rules: segment.rules }} />
        <Card>
          <CardHeader
            title="Delete segment"
            description="Only the saved rules go; no contact is changed."
            action={<RowAction action={deleteSegmentAction} fields={{ org: org.slug, segmentId: segment.id }} label="Delete" variant="danger" confirm={`Delete the segment "${segment.name}"?`} />}
          />
        </Card>
      </div>
    </>
  );
}
