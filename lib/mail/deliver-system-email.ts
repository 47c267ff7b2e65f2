import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { systemEmails } from "@/db/schema";
import { systemFrom, systemMailProvider } from "./system-mailer";

export type DeliverResult = { status: "sent"; providerMessageId: string } | { status: "skipped"; reason: string };

/**
 * Sends one queued system e-mail. The `status = 'queued'` guard makes a duplicate event or a
 * retry after success a no-op. Throws on provider failure so the job's retry policy applies.
 */
export async function deliverSystemEmail(emailId: string): Promise<DeliverResult> {
  const [row] = await db
    .update(systemEmails)
    .set({ attempts: sql`${systemEmails.attempts} + 1` })
    .where(and(eq(systemEmails.id, emailId), eq(systemEmails.status, "queued")))
    .returning();
  if (!row) return { status: "skipped", reason: "not queued" };

  const provider = systemMailProvider();
  try {
    const res = await provider.send({ from: systemFrom(), to: row.to, subject: row.subject, html: row.html, text: row.text });
    await db
      .update(systemEmails)
      .set({ status: "sent", sentAt: new Date(), provider: provider.kind, providerMessageId: res.providerMessageId, lastError: null })
      .where(eq(systemEmails.id, emailId));
    return { status: "sent", providerMessageId: res.providerMessageId };
  } catch (e) {
    await db.update(systemEmails).set({ lastError: (e as Error).message }).where(eq(systemEmails.id, emailId));
    throw e;
  }
}

/** After the last retry: the row says why it never went out. */
export async function markSystemEmailFailed(emailId: string, error: string) {
  await db
    .update(systemEmails)
    .set({ status: "failed", lastError: error })
    .where(and(eq(systemEmails.id, emailId), eq(systemEmails.status, "queued")));
}
