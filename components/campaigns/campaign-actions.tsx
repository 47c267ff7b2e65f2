import type { CampaignStatus } from "@/db/schema";
import { RowAction } from "@/components/ui/row-action";
import {
  cancelCampaignAction,
  deleteCampaignAction,
  duplicateCampaignAction,
  pauseCampaignAction,
  resumeCampaignAction,
} from "@/app/(dashboard)/o/[org]/campaigns/actions";

/** The buttons a campaign's status allows. The lib checks the status and role again. */
export function CampaignActions({ slug, id, name, status }: { slug: string; id: string; name: string; status: CampaignStatus }) {
  const fields = { org: slug, id };
  const live = status === "scheduled" || status === "sending" || status === "paused";
  return (
    <div className="flex flex-wrap items-start gap-2">
      {status === "sending" || status === "scheduled" ? <RowAction align="start" action={pauseCampaignAction} fields={fields} label="Pause" /> : null}
      {status === "paused" ? <RowAction align="start" action={resumeCampaignAction} fields={fields} label="Resume" variant="primary" /> : null}
      {live ? (
        <RowAction
          align="start"
          action={cancelCampaignAction}
          fields={fields}
          label="Cancel campaign"
          variant="danger"
          confirm={`Cancel “${name}”? Every message not yet sent is cancelled. This cannot be undone.`}
        />
      ) : null}
      <RowAction align="start" action={duplicateCampaignAction} fields={fields} label="Duplicate" />
      {status === "draft" ? <RowAction align="start" action={deleteCampaignAction} fields={fields} label="Delete draft" variant="danger" confirm={`Delete the draft “${name}”?`} /> : null}
    </div>
  );
}
