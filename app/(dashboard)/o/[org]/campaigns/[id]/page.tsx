import type { Metadata } from "next";
import { Suspense, type ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrg } from "@/app/_lib/session";
import { CampaignActions } from "@/components/campaigns/campaign-actions";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { CampaignProgress } from "@/components/campaigns/campaign-progress";
import { CampaignStatusBadge } from "@/components/campaigns/campaign-status-badge";
import { CampaignTestForm } from "@/components/campaigns/campaign-test-form";
import { LaunchForm } from "@/components/campaigns/launch-form";
import { ReviewPanel } from "@/components/campaigns/review-panel";
import { When } from "@/components/messages/when";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { listLists } from "@/lib/audience/lists/list-lists";
import { listSegments } from "@/lib/audience/segments/list-segments";
import type { CampaignView } from "@/lib/campaigns/campaign-view";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { reviewCampaign, type CampaignReview } from "@/lib/campaigns/review-campaign";
import { isAppError } from "@/lib/errors";
import { atLeast, type Actor } from "@/lib/orgs/actor";
import { loadEditorOptions, toFormValues, toLiveCampaign } from "../campaign-page-data";

export const metadata: Metadata = { title: "Campaign" };

type Search = Record<string, string | string[] | undefined>;
const numFmt = new Intl.NumberFormat("en-US");

async function load(actor: Actor, id: string): Promise<CampaignView> {
  try {
    return await getCampaign(actor, { id });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

/** The review of the saved draft; a refusal (say, a segment that no longer compiles) becomes a problem to fix. */
async function review(actor: Actor, id: string): Promise<CampaignReview> {
  try {
    return await reviewCampaign(actor, { id });
  } catch (e) {
    if (!isAppError(e) || e.code === "NOT_FOUND") throw e;
    return { recipients: 0, suppressed: 0, excludedByStatus: 0, moved: 0, skippedOutsideHours: 0, skippedWindowPassed: 0, bySender: [], problems: [e.message] };
  }
}

function Flash({ sp, c }: { sp: Search; c: CampaignView }) {
  if (sp.created) return <Alert tone="success">Draft created. Review it below, send yourself a test, then launch.</Alert>;
  if (sp.duplicated) return <Alert tone="success">This is a copy of the campaign, as a new draft. Rename it and check the audience before launching.</Alert>;
  if (sp.done === "paused") return <Alert tone="success">Paused. No new message goes out until you resume; a batch already handed to a provider still arrives.</Alert>;
  if (sp.done === "resumed") return <Alert tone="success">Resumed where it stopped.</Alert>;
  if (sp.done === "cancelled") return <Alert tone="success">Cancelled. {numFmt.format(c.progress.cancelled)} unsent messages will not go out.</Alert>;
  if (typeof sp.launched === "string") {
    const n = Number(sp.launched);
    return (
      <Alert tone="success">
        {c.status === "scheduled" ? "Scheduled" : "Launched"}: {numFmt.format(Number.isFinite(n) ? n : c.progress.total)} messages queued.
      </Alert>
    );
  }
  return null;
}

function describeSchedule(c: CampaignView, orgTimezone: string): string {
  const s = c.schedule;
  const wall = (local: string) => local.slice(0, 16).replace("T", " ");
  const at = (iso: string | null, local: string | null) => (s.recipientLocalTime ? (local ? wall(local) : null) : iso ? `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC` : null);
  const start = at(s.startAt, s.startLocal);
  const finish = at(s.finishAt, s.finishLocal);
  const parts = [start ? `Starts ${start}` : "As soon as it launches"];
  if (finish) parts.push(`finishes by ${finish}`);
  if (s.recipientLocalTime) parts.push("on each recipient’s clock");
  else if (start || finish) parts.push(`(org time zone ${orgTimezone})`);
  if (s.respectBusinessHours) parts.push("within each contact’s business hours");
  return parts.join(", ").replace(", (", " (");
}

/** The review (the launch's own query, counted) and the launch button that depends on it. */
async function ReviewAndLaunch(props: { actor: Actor; c: CampaignView; slug: string; canBill: boolean; senderNames: Record<string, string> }) {
  const { c } = props;
  const r = await review(props.actor, c.id);
  const startsLater = Boolean(c.schedule.startLocal || (c.schedule.startAt && new Date(c.schedule.startAt) > new Date()));
  const blocked = r.problems.length ? "Fix the problems listed above to launch." : r.recipients === 0 ? "No one would receive it: change the audience." : null;
  return (
    <>
      <ReviewPanel review={r} slug={props.slug} canBill={props.canBill} senderNames={props.senderNames} />
      <LaunchForm slug={props.slug} id={c.id} name={c.name} recipients={r.recipients} blocked={blocked} startsLater={startsLater} />
    </>
  );
}

function Counting() {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <p className="text-sm text-slate-600">Counting recipients after statuses, suppressions and the schedule… a large audience takes a few seconds.</p>
      <div className="h-2 w-full animate-pulse rounded bg-slate-200" />
      <div className="h-2 w-2/3 animate-pulse rounded bg-slate-200" />
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </>
  );
}

export default async function CampaignPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<Search> }) {
  const { org: slug, id } = await params;
  const sp = await searchParams;
  const { org, role, actor, user } = await requireOrg(slug);
  const c = await load(actor, id);
  const base = `/o/${org.slug}`;
  const header = (
    <>
      <p className="mb-2 text-sm">
        <Link href={`${base}/campaigns`} className="text-brand-700 hover:underline">
          ← Campaigns
        </Link>
      </p>
      <PageHeader
        title={c.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <CampaignStatusBadge status={c.status} />
            <Badge tone={c.channel === "email" ? "brand" : "green"}>{c.channel === "email" ? "E-mail" : "SMS"}</Badge>
            <span className="font-mono text-xs text-slate-400">{c.id}</span>
          </span>
        }
        action={<CampaignActions slug={org.slug} id={c.id} name={c.name} status={c.status} />}
      />
    </>
  );

  if (c.status === "draft") {
    const options = await loadEditorOptions(actor);
    const senderNames = Object.fromEntries(options.senders.map((s) => [s.id, s.from]));
    return (
      <>
        {header}
        <div className="space-y-6">
          <Flash sp={sp} c={c} />
          <Card>
            <CardHeader title="Draft" description="Name, content, audience, senders and schedule." />
            <CardBody>
              <CampaignForm slug={org.slug} orgTimezone={org.timezone} {...options} initial={toFormValues(c, org.timezone)} />
            </CardBody>
          </Card>
          <div className="grid gap-6 md:grid-cols-[3fr_2fr]">
            <Card>
              <CardHeader title="Review and launch" description="Counted now, on the saved draft. Save your changes to update it." />
              <CardBody className="space-y-6">
                {/* Streamed: counting a large audience takes seconds, the rest of the page does not wait for it. */}
                <Suspense fallback={<Counting />}>
                  <ReviewAndLaunch actor={actor} c={c} slug={org.slug} canBill={atLeast(role, "admin")} senderNames={senderNames} />
                </Suspense>
              </CardBody>
            </Card>
            <Card className="self-start">
              <CardHeader title="Send a test" description="See it as a recipient would before anyone else does." />
              <CardBody>
                <CampaignTestForm slug={org.slug} id={c.id} channel={c.channel} defaultTo={c.channel === "email" ? user.email : ""} />
              </CardBody>
            </Card>
          </div>
        </div>
      </>
    );
  }

  const [lists, segments] = await Promise.all([listLists(actor), listSegments(actor, { withCounts: false })]);
  const nameOf = (rows: { id: string; name: string }[], ids: string[]) => ids.map((i) => rows.find((r) => r.id === i)?.name ?? `${i} (deleted)`);
  const audience = [...nameOf(lists, c.audience.listIds), ...nameOf(segments, c.audience.segmentIds)];
  const excluded = [...nameOf(lists, c.audience.excludeListIds), ...nameOf(segments, c.audience.excludeSegmentIds)];
  return (
    <>
      {header}
      <div className="space-y-6">
        <Flash sp={sp} c={c} />
        <Card>
          <CardHeader
            title="Progress"
            description={c.status === "sending" ? "Updates every 2 seconds while it sends." : undefined}
            action={
              <ButtonLink href={`${base}/messages?campaignId=${c.id}`} variant="secondary" size="sm">
                See its messages in the log
              </ButtonLink>
            }
          />
          <CardBody>
            {/* Keyed by status: a refresh after Pause or Resume starts it again from the server's numbers. */}
            <CampaignProgress key={c.status} slug={org.slug} id={c.id} initial={toLiveCampaign(c)} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Summary" />
          <CardBody>
            <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-2 text-sm">
              <Row label="Template">
                {c.templateId ? (
                  <Link href={`${base}/templates/${c.templateId}`} className="text-brand-700 hover:underline">
                    {c.templateName ?? c.templateId}
                  </Link>
                ) : (
                  "—"
                )}
                {c.content?.subject ? <div className="text-xs text-slate-500">Subject as sent: {c.content.subject}</div> : null}
              </Row>
              <Row label="Audience">{audience.length ? audience.join(", ") : "—"}</Row>
              {excluded.length ? <Row label="Excluding">{excluded.join(", ")}</Row> : null}
              <Row label="Senders">
                {c.senders.length
                  ? c.senders.map((s, i) => (
                      <span key={s.id}>
                        {i ? ", " : null}
                        <Link href={`${base}/senders/${s.id}`} className="text-brand-700 hover:underline">
                          {s.name}
                        </Link>
                        {s.status !== "active" ? <span className="text-amber-700"> ({s.status}: its messages wait)</span> : null}
                      </span>
                    ))
                  : "—"}
              </Row>
              <Row label="Schedule">{describeSchedule(c, org.timezone)}</Row>
              <Row label="Launched">
                <When date={c.launchedAt} />
              </Row>
              {c.finishedAt ? (
                <Row label={c.status === "cancelled" ? "Cancelled" : "Finished"}>
                  <When date={c.finishedAt} />
                </Row>
              ) : null}
              <Row label="Left out at launch">
                {numFmt.format(c.suppressedCount)} suppressed or unsubscribed · {numFmt.format(c.skippedCount)} skipped by the schedule · {numFmt.format(c.movedCount)} moved to business hours
              </Row>
            </dl>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
