import { eq } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Herald's own operators (`HERALD_STAFF_EMAILS`, comma-separated): some actions, such as granting
 * credits, must not be in the hands of the customer who benefits from them, whatever their role.
 */
export function isStaffEmail(email: string): boolean {
  const staff = (process.env.HERALD_STAFF_EMAILS ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return staff.includes(email.trim().toLowerCase());
}

export async function requireStaff(userId: string, what: string) {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user || !isStaffEmail(user.email)) throw new AppError("FORBIDDEN", `Only Herald staff can ${what}.`);
}
