import { eq } from "drizzle-orm";
import { db } from "@/db";
import { users, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { enforceRateLimit, releaseRateLimitHit } from "@/lib/rate-limit/hit-rate-limit";
import { PASSWORD_LOGIN } from "./login-code-policy";
import { verifyPassword } from "./password";
import { passwordSignInSchema } from "./schemas";

// Compared against when the user is unknown, so a miss costs as long as a hit.
const DUMMY_HASH = "scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export async function signInWithPassword(input: { email: string; password: string }): Promise<User> {
  const { email, password } = passwordSignInSchema.parse(input);
  const key = `password:${email}`;
  // Every attempt is counted before the password is checked, so parallel guesses cannot all slip
  // past the limit; a success gives its count back, so people are never locked out by signing in.
  await enforceRateLimit(key, PASSWORD_LOGIN.maxAttempts, PASSWORD_LOGIN.windowSeconds, "Too many failed sign-in attempts for this address.");
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !ok) {
    throw new AppError("UNAUTHENTICATED", "Wrong e-mail or password. No password yet? Sign in with a code instead.");
  }
  await releaseRateLimitHit(key);
  return user;
}
