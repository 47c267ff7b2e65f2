import { sql } from "drizzle-orm";
import { db, query } from "@/db";
import { dispatchSystemEmails } from "@/lib/mail/queue-system-email";
import { raiseNotification, type QueuedEmail } from "@/lib/notifications/raise-notification";
import { currentMonthSql, monthKey, monthOf } from "./month";
import { getPlan, type PlanId } from "./plans";

const LABEL = { emails: "e-mails", sms: "SMS" } as const;

/**
 * Paid plans: "usage at 80%" and "at 100%" of the included e-mails and SMS, each raised once per
 * org, metric and month by its key. (Hobby's credits are checked where they are taken.)
 * One query finds the orgs over 80%; only those touch the notifications table.
 */
export async function checkUsageThresholds(): Promise<number> {
  const rows = await query<{ org_id: string; slug: string; plan: PlanId; metric: "emails" | "sms"; count: number }>(
    sql`select o.id as org_id, o.slug, o.plan, u.metric, u.count from usage_counters u
        join orgs o on o.id = u.org_id
        where u.month = ${currentMonthSql} and u.metric in ('emails', 'sms') and o.plan <> 'hobby'`,
  );
  const month = monthKey(monthOf());
  const emails: QueuedEmail[] = [];
  let raised = 0;
  for (const r of rows) {
    const plan = getPlan(r.plan);
    const included = r.metric === "emails" ? plan.includedEmails : plan.includedSms;
    const used = Number(r.count);
    if (included <= 0 || used < included * 0.8) continue;
    const full = used >= included;
    const pct = full ? 100 : 80;
    const sent = await db.transaction((tx) =>
      raiseNotification(tx, {
        orgId: r.org_id,
        key: `usage-${pct}:${r.metric}:${month}`,
        kind: `usage-${pct}`,
        title: full ? `All included ${LABEL[r.metric]} used this month` : `80% of included ${LABEL[r.metric]} used`,
        body: full
          ? `You have sent ${used.toLocaleString("en-US")} ${LABEL[r.metric]} of the ${included.toLocaleString("en-US")} included in ${plan.name}. Further sending is billed pay-as-you-go.`
          : `You have sent ${used.toLocaleString("en-US")} of ${included.toLocaleString("en-US")} included ${LABEL[r.metric]} this month on ${plan.name}.`,
        link: `/o/${r.slug}/usage`,
      }),
    );
    if (sent.length) raised++;
    emails.push(...sent);
  }
  await dispatchSystemEmails(emails);
  return raised;
}

/** Contacts stored is a level: keep the month's peak in the counters (for the usage history). */
export async function snapshotContactUsage(): Promise<void> {
  await query(
    sql`insert into usage_counters (org_id, month, metric, count)
        select org_id, ${currentMonthSql}, 'contacts', count(*) from contacts group by org_id
        on conflict (org_id, month, metric) do update set count = greatest(usage_counters.count, excluded.count)`,
  );
}
