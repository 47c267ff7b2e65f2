import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrg } from "@/app/_lib/session";
import { ConnectionForm } from "@/components/providers/connection-form";
import { ConnectionStatusBadge } from "@/components/providers/connection-status-badge";
import { WebhookCard } from "@/components/providers/webhook-card";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { RowAction } from "@/components/ui/row-action";
import { appUrl } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { getConnection } from "@/lib/sending/connections/get-connection";
import { can } from "@/lib/sending/connections/permissions";
import { deleteConnectionAction, testConnectionAction } from "../actions";

export const metadata: Metadata = { title: "Provider connection" };

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ConnectionPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug, id } = await params;
  const sp = await searchParams;
  const { org, role, actor } = await requireOrg(slug);
  const connection = await getConnection(actor, { id }).catch((e) => {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION")) notFound();
    throw e;
  });
  const canManage = can(role, "manageConnections");

  return (
    <>
      <PageHeader
        title={connection.name}
        description={
          <>
            <Link href={`/o/${org.slug}/providers`} className="text-brand-700 hover:underline">
              Providers
            </Link>{" "}
            · {connection.kindLabel}
          </>
        }
        action={
          canManage ? (
            <div className="flex flex-wrap gap-2">
              <RowAction action={testConnectionAction} fields={{ org: org.slug, id: connection.id }} label="Test connection" />
              <RowAction action={deleteConnectionAction} fields={{ org: org.slug, id: connection.id }} label="Delete" variant="danger" confirm={`Delete the connection “${connection.name}”?`} />
            </div>
          ) : null
        }
      />
      <div className="space-y-6">
        {sp.created ? <Alert tone="success">Connection added. Test it to check the settings.</Alert> : null}
        <Card>
          <CardHeader title="Status" />
          <CardBody className="space-y-2 text-sm">
            <div className="flex items-center gap-2">
              <ConnectionStatusBadge status={connection.status} />
              {connection.lastTestedAt ? <span className="text-slate-500">Last tested {dateFmt.format(connection.lastTestedAt)} UTC</span> : <span className="text-slate-500">Never tested</span>}
            </div>
            {connection.lastError ? (
              <Alert tone="error">
                <span className="font-medium">Last error:</span> {connection.lastError}
              </Alert>
            ) : null}
          </CardBody>
        </Card>
        <WebhookCard kind={connection.kind} connectionId={connection.id} baseUrl={appUrl()} hasSendgridKey={typeof connection.config.webhookKey === "string"} />
        {canManage ? (
          <Card>
            <CardHeader title="Settings" description="Changing a setting or a secret marks the connection untested." />
            <CardBody>
              <ConnectionForm slug={org.slug} connection={connection} />
            </CardBody>
          </Card>
        ) : null}
        {!canManage ? <Alert tone="info">Only owners and admins can change provider connections.</Alert> : null}
      </div>
    </>
  );
}
