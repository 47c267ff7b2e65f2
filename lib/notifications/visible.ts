import { sql, type SQL } from "drizzle-orm";
import { notifications } from "@/db/schema";
import { ROLES, atLeast, type Actor } from "@/lib/orgs/actor";

/** The notifications an actor may see: their org's, addressed to their role or below. */
export function visibleTo(actor: Actor): SQL {
  const roles = ROLES.filter((r) => atLeast(actor.role, r));
  return sql`${notifications.orgId} = ${actor.orgId} and ${notifications.minRole} in (${sql.join(
    roles.map((r) => sql`${r}`),
    sql`, `,
  )})`;
}
