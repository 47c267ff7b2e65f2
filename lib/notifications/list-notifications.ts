import { and, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { notificationReads, notifications } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { visibleTo } from "./visible";

export const listNotificationsSchema = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** The actor's notifications in this org, newest first, each with whether this user has read it. */
export async function listNotifications(actor: Actor, input: z.input<typeof listNotificationsSchema> = {}) {
  const { before, limit } = listNotificationsSchema.parse(input);
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notificationReads.readAt,
    })
    .from(notifications)
    .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, actor.userId)))
    .where(and(visibleTo(actor), before ? lt(notifications.id, before) : undefined))
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  return { items: rows.slice(0, limit), nextBefore: rows.length > limit ? rows[limit - 1].id : null };
}

/** Unread count for the bell. */
export async function countUnreadNotifications(actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        visibleTo(actor),
        sql`not exists (select 1 from ${notificationReads} r where r.notification_id = ${notifications.id} and r.user_id = ${actor.userId})`,
      ),
    );
  return row?.n ?? 0;
}
