import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/app/_lib/session";
import { SenderForm } from "@/components/senders/sender-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, PageHeader } from "@/components/ui/card";
import { ensureOutboxConnection } from "@/lib/sending/connections/ensure-outbox-connection";
import { listConnections } from "@/lib/sending/connections/list-connections";
import { can } from "@/lib/sending/senders/permissions";

export const metadata: Metadata = { title: "Add a sender" };

export default async function NewSenderPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role, actor } = await requireOrg(slug);
  const canManage = can(role, "manageSenders");
  // The outbox is always on offer, so a first sender needs no provider set up.
  if (canManage) await ensureOutboxConnection(org.id);
  const connections = await listConnections(actor);

  return (
    <>
      <PageHeader
        title="Add a sender"
        description={
          <>
            <Link href={`/o/${org.slug}/senders`} className="text-brand-700 hover:underline">
              Senders
            </Link>{" "}
            · Providers are managed under{" "}
            <Link href={`/o/${org.slug}/providers`} className="text-brand-700 hover:underline">
              Providers
            </Link>
          </>
        }
      />
      {canManage ? (
        <Card>
          <CardBody>
            <SenderForm slug={org.slug} connections={connections.map((c) => ({ id: c.id, name: c.name, kindLabel: c.kindLabel, channels: c.channels, status: c.status }))} />
          </CardBody>
        </Card>
      ) : (
        <Alert tone="info">Only owners and admins can add senders.</Alert>
      )}
    </>
  );
}
