import type { Role } from "@/db/schema";
import { atLeast, requireRole, type Actor } from "@/lib/orgs/actor";

/**
 * Provider connections hold the org's sending credentials and decide where its mail goes:
 * owners and admins manage them. Members see the list (names, kinds, status), never a secret.
 */
const MIN_ROLE = { manageConnections: "admin" } as const satisfies Record<string, Role>;

type Permission = keyof typeof MIN_ROLE;

const WHAT: Record<Permission, string> = { manageConnections: "manage provider connections" };

export const can = (role: Role, permission: Permission) => atLeast(role, MIN_ROLE[permission]);

export function authorize(actor: Actor, permission: Permission) {
  requireRole(actor, MIN_ROLE[permission], WHAT[permission]);
}
