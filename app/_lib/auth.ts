import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type User as AuthUser } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { rawDb } from "@/db";
import { accounts, sessions, users, verificationTokens, type User } from "@/db/schema";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { verifyLoginCode, verifyLoginLink } from "@/lib/auth/verify-login-code";
import { secrets } from "@/lib/env";
import { isAppError } from "@/lib/errors";

/** Carries lib's user-facing message to the sign-in action (never into a URL: actions use `redirect: false`). */
class SignInRefused extends CredentialsSignin {
  constructor(message: string) {
    super(message);
    this.code = message;
  }
}

async function refuseOnAppError(run: () => Promise<User>): Promise<AuthUser> {
  try {
    const user = await run();
    return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } as AuthUser;
  } catch (e) {
    if (isAppError(e)) throw new SignInRefused(e.message);
    throw e;
  }
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

// Built per request (the function form), so `next build` needs neither secrets nor a database.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: secrets().authSecret,
  trustHost: true,
  adapter: DrizzleAdapter(rawDb(), { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens }),
  // Credentials providers require JWT sessions. A new token is issued on every sign-in, so the
  // session rotates; membership is re-read from the database on every request.
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      id: "code",
      credentials: { email: {}, code: {} },
      authorize: (c) => refuseOnAppError(() => verifyLoginCode({ email: str(c.email), code: str(c.code) })),
    }),
    Credentials({
      id: "link",
      credentials: { token: {} },
      authorize: (c) => refuseOnAppError(() => verifyLoginLink(str(c.token))),
    }),
    Credentials({
      id: "password",
      credentials: { email: {}, password: {} },
      authorize: (c) => refuseOnAppError(() => signInWithPassword({ email: str(c.email), password: str(c.password) })),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      (session as { sv?: number }).sv = typeof token.sv === "number" ? token.sv : 0;
      return session;
    },
  },
  logger: {
    error(error) {
      // A refused code or password is an expected outcome, not a server error.
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
}));
