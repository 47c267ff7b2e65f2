import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { users, type User } from "@/db/schema";

/**
 * The user for an e-mail whose ownership was just proven (a code or link from that inbox):
 * created if new, marked verified if not yet.
 */
export async function upsertVerifiedUser(tx: Tx, email: string, name?: string | null): Promise<User> {
  const [row] = await tx
    .insert(users)
    .values({ email, name: name || null, emailVerified: new Date() })
    .onConflictDoUpdate({
      target: users.email,
      set: {
        emailVerified: sql`coalesce(${users.emailVerified}, now())`,
        name: sql`coalesce(${users.name}, excluded.name)`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  if (row) return row;
  const [existing] = await tx.select().from(users).where(eq(users.email, email));
  return existing;
}
