import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrg } from "@/app/_lib/session";
import { EventTimeline } from "@/components/messages/event-timeline";
import { MessageStatusBadge } from "@/components/messages/message-status-badge";
import { When } from "@/components/messages/when";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { isAppError } from "@/lib/errors";
import { getMessage } from "@/lib/messages/get-message";

export const metadata: Metadata = { title: "Message" };

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </>
  );
}

export default async function MessagePage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const { org, actor } = await requireOrg(slug);
  const m = await getMessage(actor, { id }).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const base = `/o/${org.slug}`;
  const dl = "grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-2 text-sm";

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`${base}/messages`} className="text-brand-700 hover:underline">
          ← Message log
        </Link>
      </p>
      <PageHeader
        title={m.toAddress}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <MessageStatusBadge status={m.status} /> {m.channel === "sms" ? "SMS" : "E-mail"} <span className="font-mono text-xs text-slate-400">{m.id}</span>
          </span>
        }
      />
      <div className="space-y-6">
        {m.lastError ? (
          <Alert tone={m.status === "failed" ? "error" : "warning"}>
            <span className="font-medium">Last error{m.attempts > 1 ? ` (after ${m.attempts} attempts)` : ""}:</span> {m.lastError}
          </Alert>
        ) : null}
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader title="Message" />
            <CardBody>
              <dl className={dl}>
                <Row label="Recipient">
                  {m.contactId && m.contactName ? (
                    <Link href={`${base}/contacts/${m.contactId}`} className="text-brand-700 hover:underline">
                      {m.contactName}
                    </Link>
                  ) : (
                    <span className="text-slate-500">Contact deleted</span>
                  )}
                  <div className="text-xs text-slate-500">{m.toAddress}</div>
                </Row>
                <Row label="Campaign">
                  {m.campaign ? (
                    <Link href={`${base}/campaigns/${m.campaign.id}`} className="text-brand-700 hover:underline">
                      {m.campaign.name}
                    </Link>
                  ) : (
                    "—"
                  )}
                </Row>
                <Row label="Sender">
                  {m.sender ? (
                    <Link href={`${base}/senders/${m.sender.id}`} className="text-brand-700 hover:underline">
                      {m.sender.from}
                    </Link>
                  ) : (
                    "—"
                  )}
                </Row>
                <Row label="Provider id">{m.providerMessageId ? <span className="break-all font-mono text-xs">{m.providerMessageId}</span> : "—"}</Row>
                <Row label="Attempts">{m.attempts}</Row>
                <Row label="Last error">{m.lastError ?? "—"}</Row>
              </dl>
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Times (UTC)" />
            <CardBody>
              <dl className={dl}>
                <Row label="Written">
                  <When date={m.createdAt} seconds />
                </Row>
                <Row label="Due">
                  <When date={m.scheduledFor} seconds />
                  {m.moved ? <div className="text-xs text-slate-500">Moved to the recipient’s business hours</div> : null}
                </Row>
                <Row label="Expires">
                  <When date={m.expiresAt} seconds empty="No finish time" />
                </Row>
                <Row label="Sent">
                  <When date={m.sentAt} seconds />
                </Row>
                <Row label="Delivered">
                  <When date={m.deliveredAt} seconds />
                </Row>
                <Row label="First opened">
                  <When date={m.openedAt} seconds />
                </Row>
                <Row label="First clicked">
                  <When date={m.clickedAt} seconds />
                </Row>
              </dl>
            </CardBody>
          </Card>
        </div>
        <Card>
          <CardHeader title="Timeline" description="Every event recorded for this message, oldest first." />
          <CardBody>
            {m.events.length === 0 ? (
              <EmptyState title="No events yet">Events appear as the message is queued, sent, delivered, opened and clicked.</EmptyState>
            ) : (
              <EventTimeline events={m.events} truncated={m.eventsTruncated} />
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
