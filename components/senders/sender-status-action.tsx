import { setSenderStatusAction } from "@/app/(dashboard)/o/[org]/senders/actions";
import { RowAction } from "@/components/ui/row-action";

/** Pause an active sender, resume a paused or failing one. */
export function SenderStatusAction({ slug, id, status, from }: { slug: string; id: string; status: "active" | "paused" | "failing"; from: string }) {
  const pause = status === "active";
  return (
    <RowAction
      action={setSenderStatusAction}
      fields={{ org: slug, id, status: pause ? "paused" : "active" }}
      label={pause ? "Pause" : "Resume"}
      srLabel={`${pause ? "Pause" : "Resume"} ${from}`}
    />
  );
}
