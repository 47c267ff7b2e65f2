import type { Metadata } from "next";
import { requireOrg } from "@/app/_lib/session";
import { AddSuppressionForm } from "@/components/suppressions/add-suppression-form";
import { ImportSuppressionsForm } from "@/components/suppressions/import-suppressions-form";
import { SuppressionFilters } from "@/components/suppressions/suppression-filters";
import { SuppressionsTable } from "@/components/suppressions/suppressions-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { listSuppressions } from "@/lib/audience/suppressions/list-suppressions";
import { canManageSuppressions } from "@/lib/audience/suppressions/permissions";
import { suppressionFilterSchema } from "@/lib/audience/suppressions/schemas";

export const metadata: Metadata = { title: "Suppressions" };

type Search = { q?: string; channel?: string; reason?: string; cursor?: string };

export default async function SuppressionsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const [{ org: slug }, search] = await Promise.all([params, searchParams]);
  const { org, role, actor } = await requireOrg(slug);
  // A hand-edited URL with a bad filter shows everything rather than an error page.
  const parsed = suppressionFilterSchema.safeParse(search);
  const filter = parsed.success ? parsed.data : { limit: 50 };
  const { items, nextCursor } = await listSuppressions(actor, filter);
  const canManage = canManageSuppressions(role);
  const filtered = Boolean(filter.q || filter.channel || filter.reason);
  const keep = new URLSearchParams(Object.entries({ q: filter.q, channel: filter.channel, reason: filter.reason }).filter((e): e is [string, string] => Boolean(e[1])));

  return (
    <>
      <PageHeader
        title="Suppressions"
        description="Addresses that never receive a message from this organization, whatever their contact says: checked before every send."
      />
      <div className="space-y-6">
        {canManage ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <Card>
              <CardHeader title="Suppress an address" description="E-mail addresses are lowercased; phone numbers are read with your default country." />
              <CardBody>
                <AddSuppressionForm slug={org.slug} />
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="Import a list" description="Suppress many addresses at once, for example an unsubscribe list from another tool." />
              <CardBody>
                <ImportSuppressionsForm slug={org.slug} />
              </CardBody>
            </Card>
          </div>
        ) : null}

        <Card>
          <CardHeader title="Suppressed addresses" />
          <CardBody>
            <SuppressionFilters slug={org.slug} q={filter.q} channel={filter.channel} reason={filter.reason} />
          </CardBody>
          {items.length === 0 ? (
            <CardBody>
              {filtered || filter.cursor ? (
                <EmptyState title="No suppressions match">Try another search, or clear the filters.</EmptyState>
              ) : (
                <EmptyState title="No suppressed addresses yet">
                  When someone unsubscribes, a message hard-bounces or a recipient complains, their address lands here and nothing is sent to it again.
                  {canManage ? " You can also add addresses by hand or import a list above." : " Owners and admins can add addresses by hand."}
                </EmptyState>
              )}
            </CardBody>
          ) : (
            <SuppressionsTable slug={org.slug} rows={items} canManage={canManage} timezone={org.timezone} />
          )}
          {nextCursor || filter.cursor ? (
            <nav aria-label="Pages" className="flex justify-end gap-2 border-t border-slate-100 px-5 py-3">
              {filter.cursor ? (
                <ButtonLink href={`/o/${org.slug}/suppressions${keep.size ? `?${keep}` : ""}`} variant="ghost" size="sm">
                  First page
                </ButtonLink>
              ) : null}
              {nextCursor ? (
                <ButtonLink href={`/o/${org.slug}/suppressions?${new URLSearchParams([...keep, ["cursor", nextCursor]])}`} variant="secondary" size="sm">
                  Next page
                </ButtonLink>
              ) : null}
            </nav>
          ) : null}
        </Card>
      </div>
    </>
  );
}
