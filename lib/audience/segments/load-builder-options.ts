import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { contactAttributes, lists } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";

/** What the rule builder offers: the org's lists, declared attributes and the IANA timezones. */
export async function loadBuilderOptions(actor: Actor) {
  const [orgLists, attributes] = await Promise.all([
    db.select({ id: lists.id, name: lists.name }).from(lists).where(eq(lists.orgId, actor.orgId)).orderBy(asc(lists.name)),
    db
      .select({ key: contactAttributes.key, label: contactAttributes.label, type: contactAttributes.type })
      .from(contactAttributes)
      .where(eq(contactAttributes.orgId, actor.orgId))
      .orderBy(asc(contactAttributes.label)),
  ]);
  return { lists: orgLists, attributes, timezones: Intl.supportedValuesOf("timeZone") };
}
