import type { Role } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** Who is acting, in which org, with which role: resolved once per request from the session. */
export type Actor = { userId: string; orgId: string; role: Role };

const RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

export const roleRank = (role: Role) => RANK[role];
export const atLeast = (role: Role, min: Role) => RANK[role] >= RANK[min];

export function requireRole(actor: Actor, min: Role, what: string) {
  if (!atLeast(actor.role, min)) {
    throw new AppError("FORBIDDEN", `Only ${min === "owner" ? "owners" : "owners and admins"} can ${what}.`);
  }
}

export const ROLES: Role[] = ["owner", "admin", "member"];
