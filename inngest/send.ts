import { inngest } from "@/inngest/client";
import type { HeraldEvent } from "@/inngest/events";
import { usesLocalRunner } from "@/lib/env";

/**
 * The one way Herald code emits events: to Inngest when it is configured, otherwise to the
 * in-process runner. Returns the event ids (and, locally, the ids of the runs started).
 */
export async function sendEvent(evt: HeraldEvent | HeraldEvent[]): Promise<{ ids: string[]; runIds?: string[] }> {
  if (usesLocalRunner()) {
    // Imported lazily: the runner pulls in every function (and through them the DB and mail
    // code), which would make a cycle with modules that send events, and is not needed at all
    // when Inngest is configured.
    const { getRunner } = await import("@/inngest/runner");
    return getRunner().send(evt);
  }
  return inngest.send(evt);
}
