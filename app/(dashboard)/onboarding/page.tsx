import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_lib/session";
import { CreateOrgForm } from "@/components/dashboard/create-org-form";
import { listUserOrgs } from "@/lib/orgs/list-user-orgs";

export const metadata: Metadata = { title: "Create an organization" };

export default async function OnboardingPage() {
  const user = await requireUser("/onboarding");
  const orgs = await listUserOrgs(user.id);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-50 px-4 py-12">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-xl font-semibold">{orgs.length ? "Create another organization" : `Welcome${user.name ? `, ${user.name}` : ""}!`}</h1>
        <p className="mb-6 mt-1 text-sm text-slate-500">
          An organization holds your contacts, campaigns, senders and billing. Invite your team to it next.
        </p>
        <CreateOrgForm />
        {orgs.length ? (
          <p className="mt-6 text-center text-sm">
            <Link href="/o" className="text-brand-700 hover:underline">
              Back to {orgs[0].name}
            </Link>
          </p>
        ) : null}
      </div>
      <p className="mt-6 text-xs text-slate-500">Signed in as {user.email}</p>
    </main>
  );
}
