import type { Role } from "@/db/schema";
import { atLeast, requireRole, type Actor } from "@/lib/orgs/actor";

/**
 * An API key reads the org's data without a session, for as long as it lives: owners and admins
 * create, see and revoke keys. Members do not see the list (names and prefixes hint at integrations).
 */
const MIN_ROLE = { manageApiKeys: "admin" } as const satisfies Record<string, Role>;

type Permission = keyof typeof MIN_ROLE;

const WHAT: Record<Permission, string> = { manageApiKeys: "manage API keys" };

export const can = (role: Role, permission: Permission) => atLeast(role, MIN_ROLE[permission]);

export function authorize(actor: Actor, permission: Permission) {
  requireRole(actor, MIN_ROLE[permission], WHAT[permission]);
}
