import { Badge } from "@/components/ui/badge";
import { HEALTH_LABELS, type SenderHealth } from "@/lib/sending/senders/sender-status";

const TONES = { healthy: "green", at_cap: "amber", paused: "gray", failing: "red" } as const;

export function HealthBadge({ health }: { health: SenderHealth }) {
  return <Badge tone={TONES[health]}>{HEALTH_LABELS[health]}</Badge>;
}
