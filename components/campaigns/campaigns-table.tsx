import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable, Th } from "@/components/ui/data-table";
import { When } from "@/components/messages/when";
import type { CampaignStatus } from "@/db/schema";
import { CampaignStatusBadge } from "./campaign-status-badge";

export type CampaignRow = {
  id: string;
  name: string;
  channel: "email" | "sms";
  status: CampaignStatus;
  templateName: string | null;
  recipients: number;
  sent: number;
  opens: number;
  clicks: number;
  launchedAt: Date | null;
  scheduledFor: Date | null;
  scheduledLocal: string | null;
  finishedAt: Date | null;
  createdAt: Date;
};

const numFmt = new Intl.NumberFormat("en-US");
const pct = (n: number, of: number) => (of > 0 ? `${Math.round((n / of) * 1000) / 10}%` : "—");

function Timing({ c }: { c: CampaignRow }) {
  if (c.status === "draft") {
    return (
      <span className="text-slate-500">
        Created <When date={c.createdAt} />
      </span>
    );
  }
  if (c.status === "scheduled") {
    return c.scheduledLocal ? (
      <span>Starts {c.scheduledLocal.replace("T", " ")} recipient time</span>
    ) : (
      <span>
        Starts <When date={c.scheduledFor} />
      </span>
    );
  }
  return (
    <span>
      Launched <When date={c.launchedAt} />
      {c.finishedAt ? (
        <span className="block text-xs text-slate-500">
          Ended <When date={c.finishedAt} />
        </span>
      ) : null}
    </span>
  );
}

export function CampaignsTable({ slug, rows }: { slug: string; rows: CampaignRow[] }) {
  return (
    <DataTable
      caption="Campaigns"
      head={
        <>
          <Th>Name</Th>
          <Th className="hidden sm:table-cell">Channel</Th>
          <Th>Status</Th>
          <Th className="hidden text-right md:table-cell">Recipients</Th>
          <Th className="hidden text-right md:table-cell">Sent · opens · clicks</Th>
          <Th className="hidden lg:table-cell">When (UTC)</Th>
        </>
      }
    >
      {rows.map((c) => (
        <tr key={c.id} data-testid="campaign-row" className="align-top">
          <td className="px-5 py-3">
            <Link href={`/o/${slug}/campaigns/${c.id}`} className="font-medium text-brand-700 hover:underline">
              {c.name}
            </Link>
            <div className="text-xs text-slate-500">{c.templateName ?? "No template"}</div>
            <div className="text-xs text-slate-500 lg:hidden">
              <Timing c={c} />
            </div>
          </td>
          <td className="hidden px-5 py-3 sm:table-cell">
            <Badge tone={c.channel === "email" ? "brand" : "green"}>{c.channel === "email" ? "E-mail" : "SMS"}</Badge>
          </td>
          <td className="px-5 py-3">
            <CampaignStatusBadge status={c.status} />
          </td>
          <td className="hidden px-5 py-3 text-right tabular-nums md:table-cell">{c.status === "draft" ? "—" : numFmt.format(c.recipients)}</td>
          <td className="hidden whitespace-nowrap px-5 py-3 text-right tabular-nums md:table-cell">
            {c.status === "draft" ? (
              "—"
            ) : (
              <>
                {numFmt.format(c.sent)} · {numFmt.format(c.opens)} · {numFmt.format(c.clicks)}
                <div className="text-xs text-slate-500">
                  {pct(c.opens, c.sent)} opened · {pct(c.clicks, c.sent)} clicked
                </div>
              </>
            )}
          </td>
          <td className="hidden px-5 py-3 text-slate-600 lg:table-cell">
            <Timing c={c} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
