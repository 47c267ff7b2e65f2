import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOrg } from "@/app/_lib/session";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { listAudit } from "@/lib/audit/list-audit";
import { atLeast } from "@/lib/orgs/actor";

export const metadata: Metadata = { title: "Audit log" };

const fmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const LABELS: Record<string, string> = {
  "org.created": "created the organization",
  "org.settings_updated": "updated the settings",
  "org.ownership_transferred": "transferred ownership",
  "invitation.created": "invited",
  "invitation.resent": "resent the invitation to",
  "invitation.revoked": "revoked the invitation to",
  "invitation.accepted": "accepted the invitation",
  "member.role_changed": "changed a role",
  "member.removed": "removed a member",
  "member.left": "left the organization",
};

function describe(action: string, data: Record<string, unknown>) {
  const label = LABELS[action] ?? action;
  if (action.startsWith("invitation.") && data.email && action !== "invitation.accepted") return `${label} ${data.email}${data.role ? ` as ${data.role}` : ""}`;
  if (action === "member.role_changed") return `${label} from ${data.from} to ${data.to}`;
  return label;
}

export default async function AuditPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ before?: string }> }) {
  const { org: slug } = await params;
  const { before } = await searchParams;
  const { org, role, actor } = await requireOrg(slug);
  if (!atLeast(role, "admin")) notFound();
  const { entries, nextBefore } = await listAudit(actor, { before: before ? Number(before) || undefined : undefined });
  return (
    <>
      <PageHeader title="Audit log" description="Who did what in this organization, newest first. Times are UTC." />
      <Card>
        {entries.length === 0 ? (
          <div className="p-5">
            <EmptyState title="Nothing recorded yet">Changes to the team and settings appear here.</EmptyState>
          </div>
        ) : (
          <ol className="divide-y divide-slate-100">
            {entries.map((e) => (
              <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-2 px-5 py-3 text-sm" data-testid="audit-entry">
                <p>
                  <span className="font-medium text-slate-900">{e.actorName || e.actorEmail || "Someone (deleted user)"}</span>{" "}
                  <span className="text-slate-700">{describe(e.action, e.data)}</span>
                </p>
                <time dateTime={e.createdAt.toISOString()} className="text-xs text-slate-500">
                  {fmt.format(e.createdAt)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </Card>
      {nextBefore ? (
        <p className="mt-4 text-right">
          <Link href={`/o/${org.slug}/audit?before=${nextBefore}`} className="text-sm font-medium text-brand-700 hover:underline">
            Older entries →
          </Link>
        </p>
      ) : null}
    </>
  );
}
