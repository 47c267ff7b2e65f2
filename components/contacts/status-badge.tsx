import type { ContactStatus } from "@/db/schema";
import { Badge } from "@/components/ui/badge";

const TONE: Record<ContactStatus, "green" | "amber" | "gray" | "red"> = {
  subscribed: "green",
  pending: "amber",
  unsubscribed: "gray",
  bounced: "red",
  complained: "red",
};

export function StatusBadge({ status }: { status: ContactStatus }) {
  return <Badge tone={TONE[status]}>{status[0].toUpperCase() + status.slice(1)}</Badge>;
}
