import { Badge } from "@/components/ui/badge";
import type { CampaignStatus } from "@/db/schema";

const TONE: Record<CampaignStatus, "gray" | "brand" | "green" | "amber" | "red"> = {
  draft: "gray",
  scheduled: "brand",
  sending: "brand",
  paused: "amber",
  sent: "green",
  cancelled: "red",
};

export const CAMPAIGN_STATUS_LABEL: Record<CampaignStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  sending: "Sending",
  paused: "Paused",
  sent: "Sent",
  cancelled: "Cancelled",
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return <Badge tone={TONE[status]}>{CAMPAIGN_STATUS_LABEL[status]}</Badge>;
}
