import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrg } from "@/app/_lib/session";
import { RowAction } from "@/components/ui/row-action";
import { ContactForm } from "@/components/contacts/contact-form";
import { ContactMessages } from "@/components/messages/contact-messages";
import { StatusBadge } from "@/components/contacts/status-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { listAttributeDefinitions } from "@/lib/audience/attribute-definitions/list-attribute-definitions";
import { getContact, type ContactDetail } from "@/lib/audience/contacts/get-contact";
import { can } from "@/lib/audience/contacts/permissions";
import { isAppError } from "@/lib/errors";
import { changeStatusAction, deleteContactAction, eraseContactAction } from "../actions";
import { DataTable, Th } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Contact" };

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const fmt = (d: Date | null) => (d ? `${when.format(d)} UTC` : "—");

async function load(actor: Parameters<typeof getContact>[0], id: string): Promise<ContactDetail> {
  try {
    return await getContact(actor, { id });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export default async function ContactPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<{ created?: string }> }) {
  const { org: slug, id } = await params;
  const { created } = await searchParams;
  const { org, role, actor } = await requireOrg(slug);
  const [detail, attributes] = await Promise.all([load(actor, id), listAttributeDefinitions(actor)]);
  const c = detail.contact;
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ");
  const who = c.email ?? c.phone ?? c.id;
  const fields = { org: org.slug, id: c.id };
  const unsubscribed = c.status === "unsubscribed";

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${org.slug}/contacts`} className="text-brand-700 hover:underline">
          ← Contacts
        </Link>
      </p>
      <PageHeader
        title={name || who}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {name ? who : null} <StatusBadge status={c.status} /> <span className="text-xs text-slate-400">{c.id}</span>
          </span>
        }
        action={
          <a href={`/o/${org.slug}/contacts/${c.id}/export-data`} className={buttonClass("secondary")} download>
            Export data (JSON)
          </a>
        }
      />
      <div className="space-y-6">
        {created ? <Alert tone="success">Contact added.</Alert> : null}
        {detail.suppressions.length ? (
          <Alert tone="warning">
            Suppressed: {detail.suppressions.map((s) => `${s.channel === "email" ? "e-mail" : "SMS"} (${s.reason.replace("_", " ")})`).join(", ")}. Nothing is sent there until an admin
            lifts it on the <Link href={`/o/${org.slug}/suppressions`} className="underline">suppressions page</Link>.
          </Alert>
        ) : null}

        <Card>
          <CardHeader title="Details" description={`Added ${fmt(c.createdAt)} · last changed ${fmt(c.updatedAt)}`} />
          <CardBody>
            <ContactForm
              slug={org.slug}
              contactId={c.id}
              attributes={attributes}
              timezones={Intl.supportedValuesOf("timeZone")}
              defaultCountry={org.defaultCountry}
              initial={{
                email: c.email ?? "",
                phone: c.phone ?? "",
                firstName: c.firstName ?? "",
                lastName: c.lastName ?? "",
                timezone: c.timezone ?? "",
                tags: c.tags.join(", "),
                notifyFrom: c.notifyFrom ?? "",
                notifyTo: c.notifyTo ?? "",
                operatorCode: c.operatorCode ?? "",
                status: c.status,
                attributes: Object.fromEntries(Object.entries(c.attributes).map(([k, v]) => [k, v === null ? "" : String(v)])),
              }}
            />
          </CardBody>
        </Card>

        <div className="grid gap-6 md:grid-cols-2">
          <Card>
            <CardHeader title="Lists" />
            <CardBody>
              {detail.lists.length === 0 ? (
                <EmptyState title="Not in any list">Select this contact in the table and use “Add to list”.</EmptyState>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {detail.lists.map((l) => (
                    <li key={l.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                      <Link href={`/o/${org.slug}/lists/${l.id}`} className="font-medium text-slate-900 hover:underline">
                        {l.name}
                      </Link>
                      <Badge tone={l.status === "subscribed" ? "green" : l.status === "pending" ? "amber" : "gray"}>{l.status}</Badge>
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Consent" />
            <CardBody>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <dt className="text-slate-500">Source</dt>
                <dd>{c.consentSource ?? "—"}</dd>
                <dt className="text-slate-500">Given</dt>
                <dd>{fmt(c.consentAt)}</dd>
                <dt className="text-slate-500">IP address</dt>
                <dd>{c.consentIp ?? "—"}</dd>
              </dl>
            </CardBody>
          </Card>
        </div>

        <ContactMessages actor={actor} slug={org.slug} contactId={c.id} />

        <Card>
          <CardHeader title="Status history" description={c.statusReason ? `Last reason: ${c.statusReason}` : undefined} />
          <DataTable
            head={
              <>
              <Th>When</Th>
              <Th>Change</Th>
              <Th>Reason</Th>
              <Th className="hidden sm:table-cell">By</Th>
              </>
            }
          >
            {detail.history.map((h, i) => (
              <tr key={i}>
                <td className="whitespace-nowrap px-5 py-2 text-slate-500">{fmt(h.createdAt)}</td>
                <td className="px-5 py-2">{h.kind === "created" ? `Added as ${h.toStatus}` : `${h.fromStatus ?? "—"} → ${h.toStatus ?? "—"}`}</td>
                <td className="px-5 py-2 text-slate-600">{h.reason ?? "—"}</td>
                <td className="hidden px-5 py-2 text-slate-500 sm:table-cell">{h.actorName || h.actorEmail || "System"}</td>
              </tr>
            ))}
          </DataTable>
        </Card>

        <Card>
          <CardHeader title="Actions" />
          <CardBody className="flex flex-wrap items-start gap-3">
            <RowAction
              align="start"
              action={changeStatusAction}
              fields={{ ...fields, status: unsubscribed ? "subscribed" : "unsubscribed", reason: unsubscribed ? "Resubscribed in the dashboard" : "Unsubscribed in the dashboard" }}
              label={unsubscribed ? "Resubscribe" : "Unsubscribe"}
              confirm={unsubscribed ? undefined : `Unsubscribe ${who}? Their addresses are added to the suppression list.`}
            />
            {can(role, "deleteContacts") ? (
              <RowAction align="start" action={deleteContactAction} fields={fields} label="Delete" variant="danger" confirm={`Delete ${who}? A later import may add them again.`} />
            ) : null}
            {can(role, "eraseContacts") ? (
              <RowAction
                align="start"
                action={eraseContactAction}
                fields={fields}
                label="Delete and forget (GDPR)"
                variant="danger"
                confirm={`Erase ${who}? Their data is deleted for good; only a hash of their addresses is kept so they are never mailed again.`}
              />
            ) : (
              <p className="text-sm text-slate-500">Only owners and admins can delete contacts.</p>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
