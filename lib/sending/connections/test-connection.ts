import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { providerConnections } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { errorText } from "@/lib/sending/providers/map-limit";
import { KIND_CHANNELS, buildProvider } from "@/lib/sending/providers/provider-for-connection";
import type { ConnectionTestResult } from "@/lib/sending/providers/types";
import { toConnectionView, type ConnectionView } from "./connection-view";
import { loadConnection } from "./load-connection";
import { authorize } from "./permissions";
import { connectionIdSchema } from "./schemas";

/** A test that hangs longer than this counts as failing: the button must answer. */
const TEST_TIMEOUT_MS = 20_000;

async function runTest(row: Parameters<typeof buildProvider>[0]): Promise<ConnectionTestResult> {
  let provider;
  try {
    provider = buildProvider(row, KIND_CHANNELS[row.kind][0]);
  } catch (e) {
    // An unreadable secret (the encryption key changed): the connection must be entered again.
    return { ok: false, error: errorText(e) };
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<ConnectionTestResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, error: "The provider did not answer within 20 seconds." }), TEST_TIMEOUT_MS);
    });
    return await Promise.race([provider.test(), timeout]);
  } finally {
    clearTimeout(timer);
    // A fresh adapter per test: a test never leaves an SMTP pool behind, nor reuses a stale one.
    await provider.close();
  }
}

/**
 * "Test connection" (owners and admins): reaches the provider with the stored settings without
 * sending anything (SendGrid: the key's scopes; SMTP: a verified login; HTTP SMS: a HEAD to the
 * URL) and records the outcome on the row: status ok or failing, the error, the time.
 */
export async function testConnection(actor: Actor, input: { id: string }): Promise<ConnectionView & { result: ConnectionTestResult }> {
  authorize(actor, "manageConnections");
  const { id } = connectionIdSchema.parse(input);
  const row = await loadConnection(db, actor.orgId, id);
  const result = await runTest(row);
  const [after] = await db
    .update(providerConnections)
    .set({ status: result.ok ? "ok" : "failing", lastError: result.ok ? null : result.error, lastTestedAt: sql`now()` })
    .where(and(eq(providerConnections.id, row.id), eq(providerConnections.orgId, actor.orgId)))
    .returning();
  // Deleted while the test ran: report the outcome on what was loaded.
  return { ...toConnectionView(after ?? row), result };
}
