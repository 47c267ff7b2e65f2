import type { Metadata } from "next";
import { requireOrg } from "@/app/_lib/session";
import { ConnectionForm } from "@/components/providers/connection-form";
import { ConnectionsTable } from "@/components/providers/connections-table";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { ensureOutboxConnection } from "@/lib/sending/connections/ensure-outbox-connection";
import { listConnections } from "@/lib/sending/connections/list-connections";
import { can } from "@/lib/sending/connections/permissions";

export const metadata: Metadata = { title: "Providers" };

export default async function ProvidersPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const sp = await searchParams;
  const { org, role, actor } = await requireOrg(slug);
  // Every org has the outbox: made the first time anyone looks here.
  await ensureOutboxConnection(org.id);
  const connections = await listConnections(actor);
  const canManage = can(role, "manageConnections");

  return (
    <>
      <PageHeader title="Providers" description="The services your e-mail and SMS go out through. Credentials are stored encrypted and never shown again." />
      <div className="space-y-6">
        {sp.deleted ? <Alert tone="success">Connection deleted.</Alert> : null}
        {!canManage ? <Alert tone="info">Only owners and admins can add, test or change provider connections.</Alert> : null}
        <Card>
          <CardHeader title={`Connections (${connections.length})`} />
          {connections.length === 0 ? (
            <CardBody>
              <EmptyState title="No connections">Add SendGrid, an SMTP service or an SMS gateway below.</EmptyState>
            </CardBody>
          ) : (
            <ConnectionsTable slug={org.slug} connections={connections} canManage={canManage} />
          )}
        </Card>
        {canManage ? (
          <Card>
            <CardHeader title="Add a connection" description="Test it after adding: the test reaches the provider without sending anything." />
            <CardBody>
              <ConnectionForm slug={org.slug} />
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
