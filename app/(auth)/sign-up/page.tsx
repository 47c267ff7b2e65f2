import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CodeSignIn } from "@/components/auth/code-sign-in";
import { currentUser } from "@/app/_lib/session";
import { safeNext } from "@/app/_lib/safe-next";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string; email?: string }> }) {
  const { next, email } = await searchParams;
  if (await currentUser()) redirect(safeNext(next));
  return (
    <>
      <h1 className="text-xl font-semibold">Create your Herald account</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500">Free on the Hobby plan: 1,000 credits every month. No card needed.</p>
      <CodeSignIn mode="sign-up" next={next} defaultEmail={email} />
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`} className="font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </p>
    </>
  );
}
