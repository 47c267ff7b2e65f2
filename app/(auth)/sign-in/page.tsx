import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CodeSignIn } from "@/components/auth/code-sign-in";
import { PasswordSignIn } from "@/components/auth/password-sign-in";
import { currentUser } from "@/app/_lib/session";
import { safeNext } from "@/app/_lib/safe-next";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; email?: string }> }) {
  const { next, email } = await searchParams;
  if (await currentUser()) redirect(safeNext(next));
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in to Herald</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500">We will e-mail you a code and a one-click link.</p>
      <CodeSignIn mode="sign-in" next={next} defaultEmail={email} />
      <div className="my-6 flex items-center gap-3 text-xs uppercase tracking-wide text-slate-400">
        <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
      </div>
      <PasswordSignIn next={next} defaultEmail={email} />
      <p className="mt-6 text-center text-sm text-slate-600">
        New to Herald?{" "}
        <Link href={`/sign-up${next ? `?next=${encodeURIComponent(next)}` : ""}`} className="font-medium text-brand-700 hover:underline">
          Create an account
        </Link>
      </p>
    </>
  );
}
