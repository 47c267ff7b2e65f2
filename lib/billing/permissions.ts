import { requireRole, type Actor } from "@/lib/orgs/actor";

// Billing's one statement of who may do what: owners and admins see billing and usage;
// only owners change the plan, open Checkout or the portal, or adjust credits.
export const requireBillingViewer = (actor: Actor) => requireRole(actor, "admin", "see billing and usage");
export const requireBillingOwner = (actor: Actor, what = "change the plan") => requireRole(actor, "owner", what);
