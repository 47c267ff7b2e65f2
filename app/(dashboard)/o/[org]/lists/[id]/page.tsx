import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrg } from "@/app/_lib/session";
import { AddMembersForm } from "@/components/lists/add-members-form";
import { CopyField } from "@/components/lists/copy-field";
import { ListSettingsForm } from "@/components/lists/list-settings-form";
import { MembersTable } from "@/components/lists/members-table";
import { RowAction } from "@/components/ui/row-action";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { getList } from "@/lib/audience/lists/get-list";
import { appUrl } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { deleteListAction } from "../actions";

export const metadata: Metadata = { title: "List" };

const numFmt = new Intl.NumberFormat("en-US");

async function load(actor: Parameters<typeof getList>[0], listId: string, after?: string) {
  try {
    return await getList(actor, { listId, after });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export default async function ListPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<{ after?: string }> }) {
  const { org: slug, id } = await params;
  const { after } = await searchParams;
  const { org, actor } = await requireOrg(slug);
  const { list, members, nextCursor } = await load(actor, id, typeof after === "string" ? after : undefined);
  const base = `/o/${org.slug}/lists/${list.id}`;

  return (
    <>
      <PageHeader
        title={list.name}
        description={`${numFmt.format(list.memberCount)} ${list.memberCount === 1 ? "member" : "members"}`}
        action={
          <Link href={`/o/${org.slug}/lists`} className="text-sm text-brand-700 hover:underline">
            ← All lists
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="Add members" description="Paste the e-mail addresses of existing contacts." />
            <CardBody>
              <AddMembersForm slug={org.slug} listId={list.id} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Members" description={after ? "Later members" : "In the order they were created"} />
            {members.length === 0 ? (
              <CardBody>
                <EmptyState title={after ? "No more members" : "No members yet"}>
                  {after ? "You have reached the end of the list." : "Add contacts above by e-mail, import a CSV into this list, or share the sign-up form."}
                </EmptyState>
              </CardBody>
            ) : (
              <MembersTable slug={org.slug} listId={list.id} members={members} />
            )}
            {after || nextCursor ? (
              <nav aria-label="Members pages" className="flex justify-between gap-3 border-t border-slate-100 px-5 py-3">
                {after ? <ButtonLink href={base} variant="secondary" size="sm">First page</ButtonLink> : <span />}
                {nextCursor ? <ButtonLink href={`${base}?after=${encodeURIComponent(nextCursor)}`} variant="secondary" size="sm">Next page</ButtonLink> : null}
              </nav>
            ) : null}
          </Card>
        </div>
        <div className="space-y-6">
          <Card>
            <CardHeader title="Sign-up form" description="Link to it from your site; new sign-ups join this list." />
            <CardBody>
              <CopyField id="public-form-url" label="Public form URL" value={`${appUrl()}/s/${list.publicToken}`} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Settings" />
            <CardBody>
              <ListSettingsForm slug={org.slug} list={list} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader
              title="Delete list"
              description="Members stay as contacts; only the list and its memberships go."
              action={<RowAction action={deleteListAction} fields={{ org: org.slug, listId: list.id }} label="Delete" variant="danger" confirm={`Delete the list "${list.name}"? This cannot be undone.`} />}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
