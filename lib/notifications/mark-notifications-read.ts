import { sql } from "drizzle-orm";
import { z } from "zod";
import { query } from "@/db";
import { notifications } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { visibleTo } from "./visible";

export const markReadSchema = z.object({
  /** One id, or "all" for every notification the actor can see. */
  id: z.union([z.literal("all"), z.coerce.number().int().positive()]),
});

/**
 * Marks notifications read for this user, in one statement. Ids outside the actor's org (or
 * above their role) match nothing: another tenant's id marks nothing and reveals nothing.
 */
export async function markNotificationsRead(actor: Actor, input: z.input<typeof markReadSchema>): Promise<number> {
  const { id } = markReadSchema.parse(input);
  const one = id === "all" ? sql`` : sql` and ${notifications.id} = ${id}`;
  const rows = await query<{ notification_id: number }>(sql`
    insert into notification_reads (notification_id, user_id)
    select ${notifications.id}, ${actor.userId} from ${notifications} where ${visibleTo(actor)}${one}
    on conflict do nothing
    returning notification_id`);
  return rows.length;
}
