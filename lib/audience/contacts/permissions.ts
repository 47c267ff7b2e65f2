import type { Role } from "@/db/schema";
import { atLeast, requireRole, type Actor } from "@/lib/orgs/actor";

/**
 * Who may do what with audience data, stated once. Any member manages contacts day to day;
 * what cannot be undone (deleting, erasing) and what changes the shape of every contact
 * (attribute declarations) is for owners and admins.
 */
const MIN_ROLE = {
  deleteContacts: "admin",
  eraseContacts: "admin",
  manageAttributes: "admin",
} as const satisfies Record<string, Role>;

type Permission = keyof typeof MIN_ROLE;

const WHAT: Record<Permission, string> = {
  deleteContacts: "delete contacts",
  eraseContacts: "erase contacts",
  manageAttributes: "manage custom attributes",
};

export const can = (role: Role, permission: Permission) => atLeast(role, MIN_ROLE[permission]);

export function authorize(actor: Actor, permission: Permission) {
  requireRole(actor, MIN_ROLE[permission], WHAT[permission]);
}
