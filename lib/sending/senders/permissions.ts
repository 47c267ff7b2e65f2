import type { Role } from "@/db/schema";
import { atLeast, requireRole, type Actor } from "@/lib/orgs/actor";

/**
 * Senders decide whose name mail goes out under and how fast: owners and admins change them
 * (create, edit, pause, resume, delete). Every member sees them and their status.
 */
const MIN_ROLE = { manageSenders: "admin" } as const satisfies Record<string, Role>;

type Permission = keyof typeof MIN_ROLE;

const WHAT: Record<Permission, string> = { manageSenders: "manage senders" };

export const can = (role: Role, permission: Permission) => atLeast(role, MIN_ROLE[permission]);

export function authorize(actor: Actor, permission: Permission) {
  requireRole(actor, MIN_ROLE[permission], WHAT[permission]);
}
