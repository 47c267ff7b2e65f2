import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { CAMPAIGN_STATUS_LABEL } from "@/components/campaigns/campaign-status-badge";
import { CampaignsTable } from "@/components/campaigns/campaigns-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { campaignStatusEnum, type CampaignStatus } from "@/db/schema";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { toCampaignRow } from "./campaign-page-data";

export const metadata: Metadata = { title: "Campaigns" };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const STATUSES = campaignStatusEnum.enumValues;

export default async function CampaignsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const { org: slug } = await params;
  const sp = await searchParams;
  const { org, actor } = await requireOrg(slug);
  const statusParam = first(sp.status);
  const status = STATUSES.includes(statusParam as CampaignStatus) ? (statusParam as CampaignStatus) : undefined;
  const cursor = first(sp.cursor);
  const page = await listCampaigns(actor, { status, cursor });
  const base = `/o/${org.slug}/campaigns`;
  const href = (s?: CampaignStatus, c?: string) => {
    const qs = new URLSearchParams();
    if (s) qs.set("status", s);
    if (c) qs.set("cursor", c);
    const q = qs.toString();
    return q ? `${base}?${q}` : base;
  };
  const newButton = <ButtonLink href={`${base}/new`}>New campaign</ButtonLink>;
  const tabs: { label: string; value?: CampaignStatus }[] = [{ label: "All" }, ...STATUSES.map((s) => ({ label: CAMPAIGN_STATUS_LABEL[s], value: s }))];

  return (
    <>
      <PageHeader title="Campaigns" description="E-mail and SMS sends to your lists and segments: draft, review, launch, and watch them go out." action={newButton} />
      <div className="space-y-4">
        {first(sp.deleted) ? <Alert tone="success">Draft deleted.</Alert> : null}
        {statusParam && !status ? <Alert tone="warning">“{statusParam}” is not a campaign status; showing all campaigns.</Alert> : null}
        <nav aria-label="Filter by status" className="-mx-1 flex flex-wrap gap-1">
          {tabs.map((t) => {
            const active = t.value === status;
            return (
              <Link
                key={t.label}
                href={href(t.value)}
                aria-current={active ? "page" : undefined}
                className={`rounded-full px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-500 ${active ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {t.label}
              </Link>
            );
          })}
        </nav>
        {page.items.length === 0 && !status && !cursor ? (
          <EmptyState title="No campaigns yet" action={newButton}>
            A campaign sends a template to lists and segments through your senders. You need a template and a sender first; the new campaign page links to both.
          </EmptyState>
        ) : page.items.length === 0 ? (
          <EmptyState title={status ? `No ${CAMPAIGN_STATUS_LABEL[status].toLowerCase()} campaigns` : "No more campaigns"} action={<ButtonLink href={base} variant="secondary">Show all campaigns</ButtonLink>} />
        ) : (
          <Card>
            <CampaignsTable slug={org.slug} rows={page.items.map(toCampaignRow)} />
            {cursor || page.nextCursor ? (
              <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm">
                {cursor ? (
                  <Link href={href(status)} className={buttonClass("secondary", "sm")}>
                    ← Newest
                  </Link>
                ) : (
                  <span />
                )}
                {page.nextCursor ? (
                  <Link href={href(status, page.nextCursor)} className={buttonClass("secondary", "sm")} rel="next">
                    Older →
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </Card>
        )}
      </div>
    </>
  );
}
