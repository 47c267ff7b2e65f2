import { inngest } from "@/inngest/client";
import { EVENTS, importQueuedSchema } from "@/inngest/events";
import { markImportFailed, runImport } from "@/lib/audience/imports/run-import";
import { isAppError } from "@/lib/errors";

/**
 * Runs one queued CSV import. One import at a time per org, so two files cannot race on the same
 * contacts. The streaming merge is one step: it keeps memory bounded itself, and a retry starts
 * the file over, which the idempotent merge makes safe.
 */
export const importContacts = inngest.createFunction(
  { id: "import-contacts", retries: 2, concurrency: { limit: 1, key: "event.data.orgId" }, triggers: [{ event: EVENTS.importQueued }] },
  async ({ event, step }) => {
    const { orgId, importId } = importQueuedSchema.parse(event.data);
    try {
      return await step.run("import", () => runImport(orgId, importId));
    } catch (e) {
      const inner = (e as { cause?: unknown }).cause ?? e;
      const message = isAppError(inner) ? inner.message : `The import stopped: ${(inner as Error)?.message ?? String(inner)}`;
      await step.run("mark-failed", () => markImportFailed(orgId, importId, message));
      throw e;
    }
  },
);
