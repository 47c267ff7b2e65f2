import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";
import { requireUser } from "@/app/_lib/session";
import { PasswordForm, ProfileForm } from "@/components/dashboard/account-forms";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { listUserOrgs } from "@/lib/orgs/list-user-orgs";

export const metadata: Metadata = { title: "Account" };

const PASSWORD_NOTICE = { set: "Password set. You can now sign in with it.", changed: "Password changed. Other sessions are signed out." } as const;

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const { password } = await searchParams;
  const notice = password === "set" || password === "changed" ? PASSWORD_NOTICE[password] : null;
  const user = await requireUser("/account");
  const orgs = await listUserOrgs(user.id);
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between px-4 py-3">
          <Link href="/o" className="text-xl font-bold tracking-tight text-brand-600">
            Herald
          </Link>
          <Link href="/o" className="text-sm font-medium text-brand-700 hover:underline">
            ← Back to dashboard
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl space-y-6 px-4 py-8">
        <PageHeader title="Account" description={`Signed in as ${user.email} · ${user.id}`} />
        <Card>
          <CardHeader title="Profile" />
          <CardBody>
            <ProfileForm name={user.name ?? ""} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Password"
            description={user.passwordHash ? "Change the password you sign in with." : "Optional: set a password to sign in without an e-mailed code."}
          />
          <CardBody className="space-y-4">
            {notice ? <Alert tone="success">{notice}</Alert> : null}
            <PasswordForm hasPassword={Boolean(user.passwordHash)} email={user.email} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Organizations" />
          <CardBody>
            <ul className="divide-y divide-slate-100 text-sm">
              {orgs.map((o) => (
                <li key={o.id} className="flex items-center justify-between py-2">
                  <Link href={`/o/${o.slug}`} className="font-medium text-brand-700 hover:underline">
                    {o.name}
                  </Link>
                  <span className="capitalize text-slate-500">{o.role}</span>
                </li>
              ))}
            </ul>
            <Link href="/onboarding" className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
              + New organization
            </Link>
          </CardBody>
        </Card>
        <form action={signOutAction}>
          <Button type="submit" variant="secondary">
            Sign out
          </Button>
        </form>
      </main>
    </div>
  );
}
