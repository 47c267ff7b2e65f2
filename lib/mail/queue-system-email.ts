import { db, type Tx } from "@/db";
import { systemEmails } from "@/db/schema";
import { EVENTS } from "@/inngest/events";
import { sendEvent } from "@/inngest/send";
import type { RenderedEmail } from "./templates/layout";

export type SystemEmailInput = RenderedEmail & { to: string; kind: string; orgId?: string | null };

/** Writes the e-mail row inside the caller's transaction. Call `dispatchSystemEmails` after commit. */
export async function insertSystemEmail(tx: Tx | typeof db, input: SystemEmailInput) {
  const [row] = await tx
    .insert(systemEmails)
    .values({ to: input.to, kind: input.kind, orgId: input.orgId ?? null, subject: input.subject, html: input.html, text: input.text })
    .returning({ id: systemEmails.id, orgId: systemEmails.orgId });
  return row;
}

/** Hands queued rows to the jobs runner. The row already exists, so a lost event loses nothing. */
export async function dispatchSystemEmails(rows: { id: string; orgId: string | null }[]) {
  if (rows.length === 0) return;
  await sendEvent(rows.map((r) => ({ name: EVENTS.systemEmailQueued, data: { emailId: r.id, orgId: r.orgId } })));
}

/** Queue one system e-mail outside any transaction. */
export async function queueSystemEmail(input: SystemEmailInput) {
  const row = await insertSystemEmail(db, input);
  await dispatchSystemEmails([row]);
  return row;
}
