import { Badge } from "@/components/ui/badge";
import type { Import } from "@/db/schema";

const TONES = { uploaded: "gray", queued: "brand", running: "brand", completed: "green", failed: "red" } as const;
const LABELS = { uploaded: "Needs mapping", queued: "Queued", running: "Running", completed: "Completed", failed: "Failed" } as const;

export function ImportStatusBadge({ status }: { status: Import["status"] }) {
  return <Badge tone={TONES[status]}>{LABELS[status]}</Badge>;
}
