import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hashPassword, passwordSchema, verifyPassword } from "./password";

export const setPasswordSchema = z
  .object({
    currentPassword: z.string().optional(),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

/** Sets or changes the signed-in user's password. Changing one needs the current password. */
export async function setPassword(userId: string, input: z.input<typeof setPasswordSchema>) {
  const data = setPasswordSchema.parse(input);
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("NOT_FOUND", "Account not found.");
  if (user.passwordHash) {
    if (!data.currentPassword || !(await verifyPassword(data.currentPassword, user.passwordHash))) {
      throw new AppError("FORBIDDEN", "The current password is not right.", { currentPassword: "The current password is not right." });
    }
  }
  // A new session version signs out every other session (a stolen one included); the caller
  // re-issues the current browser's session.
  const [updated] = await db
    .update(users)
    .set({ passwordHash: await hashPassword(data.password), sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return { changed: Boolean(user.passwordHash), sessionVersion: updated.sessionVersion };
}
