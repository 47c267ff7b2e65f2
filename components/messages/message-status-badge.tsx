import { Badge } from "@/components/ui/badge";
import type { MessageStatus } from "@/db/schema";

type Tone = "gray" | "brand" | "green" | "amber" | "red";

const TONE: Record<MessageStatus, Tone> = {
  queued: "gray",
  sending: "brand",
  sent: "brand",
  delivered: "green",
  opened: "green",
  clicked: "green",
  failed: "red",
  bounced: "red",
  complained: "red",
  unsubscribed: "amber",
  suppressed: "amber",
  cancelled: "gray",
};

export const messageStatusLabel = (s: MessageStatus) => s[0].toUpperCase() + s.slice(1);

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  return <Badge tone={TONE[status]}>{messageStatusLabel(status)}</Badge>;
}
