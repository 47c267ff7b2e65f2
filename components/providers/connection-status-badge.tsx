import { Badge } from "@/components/ui/badge";

const TONES = { ok: "green", failing: "red", untested: "gray" } as const;
const LABELS = { ok: "Working", failing: "Failing", untested: "Not tested" } as const;

/** A connection's last test outcome; the error itself is shown beside it where there is room. */
export function ConnectionStatusBadge({ status }: { status: keyof typeof TONES }) {
  return <Badge tone={TONES[status]}>{LABELS[status]}</Badge>;
}
