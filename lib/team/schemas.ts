import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";

export const roleSchema = z.enum(["owner", "admin", "member"], { error: "Choose owner, admin or member." });

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export const changeRoleSchema = z.object({ membershipId: z.string().startsWith("mem_", "Unknown member."), role: roleSchema });
export const membershipIdSchema = z.object({ membershipId: z.string().startsWith("mem_", "Unknown member.") });
export const invitationIdSchema = z.object({ invitationId: z.string().startsWith("inv_", "Unknown invitation.") });

export const INVITATION_TTL_DAYS = 7;
