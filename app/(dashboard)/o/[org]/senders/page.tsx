import type { Metadata } from "next";
import { requireOrg } from "@/app/_lib/session";
import { SendersTable } from "@/components/senders/senders-table";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { listSenders } from "@/lib/sending/senders/list-senders";
import { can } from "@/lib/sending/senders/permissions";

export const metadata: Metadata = { title: "Senders" };

export default async function SendersPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const sp = await searchParams;
  const { org, role, actor } = await requireOrg(slug);
  const senders = await listSenders(actor);
  const canManage = can(role, "manageSenders");
  const add = canManage ? <ButtonLink href={`/o/${org.slug}/senders/new`}>Add a sender</ButtonLink> : null;

  return (
    <>
      <PageHeader title="Senders" description="The mailboxes and SMS sender ids your campaigns go out from, each with its own pace and daily cap (counted per UTC day)." action={add} />
      <div className="space-y-4">
        {sp.deleted ? <Alert tone="success">Sender deleted.</Alert> : null}
        {senders.length === 0 ? (
          <EmptyState title="No senders yet" action={add}>
            {canManage
              ? "Add the address (or SMS sender id) your messages come from. Without a provider it sends to the outbox, where you can read every message."
              : "Owners and admins add the addresses messages come from."}
          </EmptyState>
        ) : (
          <Card>
            <SendersTable slug={org.slug} senders={senders} canManage={canManage} />
          </Card>
        )}
      </div>
    </>
  );
}
