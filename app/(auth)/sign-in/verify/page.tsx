import type { Metadata } from "next";
import { LinkSignIn } from "@/components/auth/link-sign-in";

export const metadata: Metadata = { title: "Confirm sign-in" };

// The link itself changes nothing: mail scanners that prefetch links must not burn it.
// A click on the button below is what signs in.
export default async function VerifyLinkPage({ searchParams }: { searchParams: Promise<{ token?: string; next?: string }> }) {
  const { token, next } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold">Confirm sign-in</h1>
      <p className="mb-6 mt-1 text-sm text-slate-500">Continue to sign in to Herald in this browser.</p>
      <LinkSignIn token={token ?? ""} next={next} />
    </>
  );
}
