import Link from "next/link";
import { notFound } from "next/navigation";
import { devToolsEnabled } from "@/lib/env";

export const dynamic = "force-dynamic";

// Development tools. A production build answers 404 unless HERALD_DEV_MAILBOX=1.
export default function DevLayout({ children }: { children: React.ReactNode }) {
  if (!devToolsEnabled()) notFound();
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-amber-200 bg-amber-50">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-2 text-sm">
          <Link href="/dev/mailbox" className="font-semibold text-amber-900">
            Herald dev mailbox
          </Link>
          <span className="text-amber-800">Messages the outbox provider kept instead of delivering</span>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
