import type { Role } from "@/db/schema";
import { atLeast, requireRole, type Actor } from "@/lib/orgs/actor";

/**
 * Campaigns are the everyday work of an org's marketers, so every member may view, build and
 * send them, and pause, resume or cancel one that is going out (as in Mailchimp, where campaign
 * rights include sending). Deleting is for drafts only, which any member may discard. One table,
 * so raising a permission later is a one-line change that every operation picks up.
 */
const MIN_ROLE = {
  view: "member",
  edit: "member",
  launch: "member",
  control: "member",
  delete: "member",
} as const satisfies Record<string, Role>;

export type CampaignPermission = keyof typeof MIN_ROLE;

const WHAT: Record<CampaignPermission, string> = {
  view: "view campaigns",
  edit: "edit campaigns",
  launch: "launch campaigns",
  control: "pause, resume or cancel campaigns",
  delete: "delete campaigns",
};

export const can = (role: Role, permission: CampaignPermission) => atLeast(role, MIN_ROLE[permission]);

export function authorize(actor: Actor, permission: CampaignPermission) {
  requireRole(actor, MIN_ROLE[permission], WHAT[permission]);
}
