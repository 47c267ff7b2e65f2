import { eq } from "drizzle-orm";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db";
import { users, type User } from "@/db/schema";
import { getOrgContext, type OrgContext } from "@/lib/orgs/get-org-context";
import { auth } from "./auth";

/**
 * The signed-in user, read from the database: a deleted user's token signs in nobody, and a
 * token issued before the last password change (an older session version) is no longer valid.
 */
export const currentUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user) return null;
  const version = (session as { sv?: number }).sv ?? 0;
  return version === user.sessionVersion ? user : null;
});

export async function requireUser(next?: string): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
  return user;
}

/**
 * The tenant for a dashboard page: the org named in the URL, only if the signed-in user is a
 * member. Anyone else gets the same 404 as for an org that does not exist.
 */
export const requireOrg = cache(async (slug: string): Promise<OrgContext & { user: User }> => {
  const user = await requireUser(`/o/${slug}`);
  const ctx = await getOrgContext(user.id, slug);
  if (!ctx) notFound();
  return { ...ctx, user };
});
