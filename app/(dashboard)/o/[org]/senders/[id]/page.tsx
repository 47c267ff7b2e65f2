import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrg } from "@/app/_lib/session";
import { ConnectionStatusBadge } from "@/components/providers/connection-status-badge";
import { CapProgress } from "@/components/senders/cap-progress";
import { HealthBadge } from "@/components/senders/health-badge";
import { SenderForm } from "@/components/senders/sender-form";
import { SenderStatusAction } from "@/components/senders/sender-status-action";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { RowAction } from "@/components/ui/row-action";
import { isAppError } from "@/lib/errors";
import { listConnections } from "@/lib/sending/connections/list-connections";
import { can } from "@/lib/sending/senders/permissions";
import { getSenderStatus } from "@/lib/sending/senders/sender-status";
import { deleteSenderAction } from "../actions";

export const metadata: Metadata = { title: "Sender" };

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const rateFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Card className="p-4">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <div className="mt-2">{children}</div>
    </Card>
  );
}

/** The mailbox status page: sent today against the cap, pace, health, the last error. */
export default async function SenderPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug, id } = await params;
  const sp = await searchParams;
  const { org, role, actor } = await requireOrg(slug);
  const status = await getSenderStatus(actor, { id }).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { sender } = status;
  const canManage = can(role, "manageSenders");
  const connections = canManage ? await listConnections(actor) : [];

  return (
    <>
      <PageHeader
        title={sender.from}
        description={
          <>
            <Link href={`/o/${org.slug}/senders`} className="text-brand-700 hover:underline">
              Senders
            </Link>{" "}
            · {sender.channel === "sms" ? "SMS sender id" : "E-mail mailbox"}
          </>
        }
        action={
          canManage ? (
            <div className="flex flex-wrap gap-2">
              <SenderStatusAction slug={org.slug} id={sender.id} status={sender.status} from={sender.from} />
              <RowAction action={deleteSenderAction} fields={{ org: org.slug, id: sender.id }} label="Delete" variant="danger" confirm={`Delete the sender ${sender.from}?`} />
            </div>
          ) : null
        }
      />
      <div className="space-y-6">
        {sp.created ? <Alert tone="success">Sender added.</Alert> : null}
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Stat label="Sent today (UTC)">
            <CapProgress sent={status.sentToday} cap={sender.dailyCap} size="lg" />
            <p className="mt-1 text-xs text-slate-500">{status.remainingToday.toLocaleString("en-US")} left today</p>
          </Stat>
          <Stat label="Rate">
            <p className="text-2xl font-semibold tabular-nums text-slate-900">{rateFmt.format(sender.ratePerSecond)}/s</p>
          </Stat>
          <Stat label="Health">
            <HealthBadge health={status.health} />
          </Stat>
          <Stat label="Provider">
            <p className="font-medium text-slate-900">{sender.connectionName ?? "—"}</p>
            {sender.connectionStatus ? <ConnectionStatusBadge status={sender.connectionStatus} /> : null}
          </Stat>
        </div>
        {sender.lastError ? (
          <Alert tone={sender.status === "failing" ? "error" : "warning"}>
            <span className="font-medium">Last error{sender.lastErrorAt ? ` (${dateFmt.format(sender.lastErrorAt)} UTC)` : ""}:</span> {sender.lastError}
          </Alert>
        ) : null}
        <Card>
          <CardHeader title="Recent activity" />
          <CardBody>
            {status.recentActivity.length === 0 ? (
              <EmptyState title="Nothing sent yet">Messages this sender hands to its provider will show here.</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {status.recentActivity.map((a, i) => (
                  <li key={i} className="flex justify-between gap-4 py-2">
                    <span>{a.detail}</span>
                    <span className="text-slate-500">{dateFmt.format(a.at)}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
        {canManage ? (
          <Card>
            <CardHeader title="Settings" />
            <CardBody>
              <SenderForm
                slug={org.slug}
                sender={sender}
                connections={connections.map((c) => ({ id: c.id, name: c.name, kindLabel: c.kindLabel, channels: c.channels, status: c.status }))}
              />
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
