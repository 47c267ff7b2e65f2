import type { Role } from "@/db/schema";
import { atLeast, requireRole, type Actor } from "@/lib/orgs/actor";

/**
 * The one statement of who may change the suppression list: any member may look at it (to answer
 * "why did this person get nothing?"), but adding or removing entries decides who is mailed at
 * all, so only owners and admins change it.
 */
export const SUPPRESSION_MANAGER_ROLE: Role = "admin";

export const canManageSuppressions = (role: Role) => atLeast(role, SUPPRESSION_MANAGER_ROLE);

export function requireSuppressionManager(actor: Actor, what: string) {
  requireRole(actor, SUPPRESSION_MANAGER_ROLE, what);
}
