import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { memberships, notifications, orgs, users, type Role } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { insertSystemEmail } from "@/lib/mail/queue-system-email";
import { billingNotificationEmail } from "@/lib/mail/templates/billing-notification";
import { ROLES, atLeast } from "@/lib/orgs/actor";

export type NotificationInput = {
  orgId: string;
  /** Cause and period, e.g. `usage-80:emails:2025-07`: the same key is raised once, ever. */
  key: string;
  kind: string;
  title: string;
  body: string;
  /** An in-app path (`/o/acme/billing`); the e-mail links to it on this Herald. */
  link?: string | null;
  minRole?: Role;
  data?: Record<string, unknown>;
};

export type QueuedEmail = { id: string; orgId: string | null };

/**
 * Raises a notification inside the caller's transaction, with one e-mail per owner/admin.
 * A key already raised inserts nothing and queues nothing. Returns the e-mail rows: pass them
 * to `dispatchSystemEmails` after the transaction commits.
 */
export async function raiseNotification(tx: Tx | Db, input: NotificationInput): Promise<QueuedEmail[]> {
  const minRole = input.minRole ?? "admin";
  const [created] = await tx
    .insert(notifications)
    .values({ orgId: input.orgId, key: input.key, kind: input.kind, title: input.title, body: input.body, link: input.link ?? null, minRole, data: input.data ?? {} })
    .onConflictDoNothing({ target: [notifications.orgId, notifications.key] })
    .returning({ id: notifications.id });
  if (!created) return [];

  const roles = ROLES.filter((r) => atLeast(r, minRole));
  const recipients = await tx
    .select({ email: users.email, orgName: orgs.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(and(eq(memberships.orgId, input.orgId), inArray(memberships.role, roles)));
  const link = input.link ? `${appUrl()}${input.link}` : null;
  const rows: QueuedEmail[] = [];
  for (const r of recipients) {
    // A handful of owners and admins per org: one row each is fine here (not a hot path).
    rows.push(
      await insertSystemEmail(tx, {
        kind: `notification:${input.kind}`,
        orgId: input.orgId,
        to: r.email,
        ...billingNotificationEmail({ orgName: r.orgName, title: input.title, body: input.body, link }),
      }),
    );
  }
  return rows;
}
