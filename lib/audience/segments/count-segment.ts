import { sql, type SQL } from "drizzle-orm";
import { query } from "@/db";
import type { Actor } from "@/lib/orgs/actor";
import { prepareSegment } from "./prepare-segment";

/** How many of the org's contacts a condition (over the alias `contacts`) matches. */
export async function countWhere(orgId: string, condition: SQL): Promise<number> {
  const [row] = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM contacts WHERE contacts.org_id = ${orgId} AND (${condition})`);
  return row?.n ?? 0;
}

/** The builder's live count: unsaved rules, checked exactly as saving would check them. */
export async function countSegment(actor: Actor, input: { rules: unknown }) {
  const { condition } = await prepareSegment(actor.orgId, input.rules);
  return { count: await countWhere(actor.orgId, condition) };
}
