import { sql } from "drizzle-orm";
import { query, type Db, type Tx } from "@/db";

/**
 * Marks campaigns `sent` once nothing of theirs is queued or in flight. The counter is the cheap
 * test, kept by every statement that moves a message out of `queued`/`sending`; the row check
 * behind it makes sure, and only runs for a campaign whose counter says it is done. A paused
 * campaign is left as it is: resuming it is a person's decision (the sweep finishes it then).
 */
export async function finishCampaigns(tx: Tx | Db, campaignIds: string[]): Promise<number> {
  const ids = [...new Set(campaignIds)];
  if (ids.length === 0) return 0;
  const rows = await query(
    sql`update campaigns c set status = 'sent', finished_at = now(), updated_at = now()
        where c.id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
          and c.status in ('scheduled', 'sending')
          and c.queued_count <= 0
          and not exists (select 1 from messages m where m.campaign_id = c.id and m.status in ('queued', 'sending'))
        returning c.id`,
    tx,
  );
  return rows.length;
}
