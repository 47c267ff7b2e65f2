import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { users } from "@/db/schema";

export const profileSchema = z.object({ name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters.") });

export async function updateProfile(userId: string, input: z.input<typeof profileSchema>) {
  const { name } = profileSchema.parse(input);
  await db.update(users).set({ name, updatedAt: new Date() }).where(eq(users.id, userId));
}
