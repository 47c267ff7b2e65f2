import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { MessageFilters } from "@/components/messages/message-filters";
import { MessagesTable } from "@/components/messages/messages-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { isAppError } from "@/lib/errors";
import { listMessages, MESSAGE_FILTER_KEYS, messageFilterSchema, type MessageFilter, type MessageListPage } from "@/lib/messages/list-messages";
import { listSenders } from "@/lib/sending/senders/list-senders";

export const metadata: Metadata = { title: "Message log" };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Each filter on its own, so one bad parameter in a shared URL drops only itself (and says why). */
function readFilter(sp: Search): { filter: MessageFilter; errors: Record<string, string> } {
  const raw: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const k of MESSAGE_FILTER_KEYS) {
    const v = first(sp[k]);
    if (v === undefined || v === "") continue;
    const parsed = messageFilterSchema.shape[k].safeParse(v);
    if (parsed.success) raw[k] = v;
    else errors[k] = parsed.error.issues[0]?.message ?? "Not a valid value.";
  }
  return { filter: messageFilterSchema.parse(raw), errors };
}

function queryOf(filter: MessageFilter, extra: Record<string, string | undefined> = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) qs.set(k, String(v));
  return qs.toString();
}

export default async function MessagesPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const { org: slug } = await params;
  const sp = await searchParams;
  const { org, actor } = await requireOrg(slug);
  const { filter, errors } = readFilter(sp);
  let page: MessageListPage;
  try {
    page = await listMessages(actor, { ...filter, cursor: first(sp.cursor) });
  } catch (e) {
    // The one refusal that spans two fields (start after end): keep the start, explain at the end.
    if (!isAppError(e) || e.code !== "VALIDATION") throw e;
    Object.assign(errors, e.fields ?? { to: e.message });
    filter.to = undefined;
    page = await listMessages(actor, { ...filter, cursor: first(sp.cursor) });
  }
  const [campaignPage, senders] = await Promise.all([listCampaigns(actor, {}), listSenders(actor)]);
  const campaignOptions = campaignPage.items.map((c) => ({ value: c.id, label: c.name }));
  if (filter.campaignId && !campaignOptions.some((o) => o.value === filter.campaignId)) {
    const named = await getCampaign(actor, { id: filter.campaignId }).catch(() => null);
    campaignOptions.unshift({ value: filter.campaignId, label: named?.name ?? filter.campaignId });
  }
  const base = `/o/${org.slug}/messages`;
  const filtered = MESSAGE_FILTER_KEYS.some((k) => filter[k]);
  const contactNote = filter.contactId ? (
    <Alert tone="info">
      Showing the messages to contact{" "}
      <Link href={`/o/${org.slug}/contacts/${filter.contactId}`} className="font-mono underline">
        {filter.contactId}
      </Link>
      . <Link href={`${base}?${queryOf({ ...filter, contactId: undefined })}`} className="underline">Show everyone’s</Link>
    </Alert>
  ) : null;

  return (
    <>
      <PageHeader title="Message log" description="Every message Herald wrote, newest first, with its status, provider id and what happened to it. Times are UTC." />
      <div className="space-y-4">
        {Object.keys(errors).length ? <Alert tone="warning">Some filters could not be read and are ignored; see the marked fields.</Alert> : null}
        {contactNote}
        <Card className="p-4">
          <MessageFilters
            slug={org.slug}
            values={{ ...filter }}
            errors={errors}
            campaigns={campaignOptions}
            senders={senders.map((s) => ({ value: s.id, label: `${s.from} (${s.channel === "sms" ? "SMS" : "e-mail"})` }))}
          />
        </Card>
        {page.items.length === 0 && !filtered && !first(sp.cursor) ? (
          <EmptyState title="No messages yet" action={<ButtonLink href={`/o/${org.slug}/campaigns`}>Go to campaigns</ButtonLink>}>
            Messages appear here the moment a campaign launches: one row per recipient, from queued to sent, opened or clicked.
          </EmptyState>
        ) : page.items.length === 0 ? (
          <EmptyState title="No messages match these filters" action={<ButtonLink href={base} variant="secondary">Clear filters</ButtonLink>}>
            Widen the dates, pick another status, or search a shorter part of the address.
          </EmptyState>
        ) : (
          <Card>
            <MessagesTable slug={org.slug} rows={page.items} />
            {page.prevCursor || page.nextCursor ? (
              <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm">
                {page.prevCursor ? (
                  <Link href={`${base}?${queryOf(filter, { cursor: page.prevCursor })}`} className={buttonClass("secondary", "sm")} rel="prev">
                    ← Newer
                  </Link>
                ) : (
                  <span />
                )}
                {page.nextCursor ? (
                  <Link href={`${base}?${queryOf(filter, { cursor: page.nextCursor })}`} className={buttonClass("secondary", "sm")} rel="next">
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
