import type { Metadata } from "next";
import { requireOrg } from "@/app/_lib/session";
import { ApiKeysTable } from "@/components/api-keys/api-keys-table";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { can } from "@/lib/api-keys/permissions";
import { appUrl } from "@/lib/env";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role, actor } = await requireOrg(slug);
  const header = <PageHeader title="API keys" description="Keys let your own code read this organization's campaigns and usage through Herald's API. Each request is metered." />;
  if (!can(role, "manageApiKeys")) {
    return (
      <>
        {header}
        <Alert tone="info">Only owners and admins can see and manage API keys.</Alert>
      </>
    );
  }
  const keys = await listApiKeys(actor);
  const example = `curl -H "Authorization: Bearer hk_..." ${appUrl()}/api/v1/usage`;

  return (
    <>
      {header}
      <div className="space-y-6">
        <Card>
          <CardHeader title="Create a key" description="The key is shown once, right after you create it. Herald keeps only a hash of it." />
          <CardBody>
            <CreateApiKeyForm slug={org.slug} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={`Keys (${keys.length})`} />
          {keys.length === 0 ? (
            <CardBody>
              <EmptyState title="No API keys yet">
                <p>Create a key above, then send it as a bearer token. For this month&apos;s usage and cost:</p>
                <pre className="mt-3 whitespace-pre-wrap break-all rounded-md bg-slate-900 px-3 py-2 text-left font-mono text-xs text-slate-100">{example}</pre>
                <p className="mt-3">Also available: GET /api/v1/campaigns and GET /api/v1/campaigns/&#123;id&#125;.</p>
              </EmptyState>
            </CardBody>
          ) : (
            <>
              <ApiKeysTable slug={org.slug} keys={keys} />
              <CardBody className="border-t border-slate-100 text-sm text-slate-500">
                Try it: <code className="break-all font-mono text-xs text-slate-700">{example}</code>
              </CardBody>
            </>
          )}
        </Card>
      </div>
    </>
  );
}
