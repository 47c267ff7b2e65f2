import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";

export function AccountMenu({ name, email }: { name: string | null; email: string }) {
  const initials = (name || email).split(/[\s@.]+/).filter(Boolean).slice(0, 2).map((p) => p[0]!.toUpperCase()).join("");
  return (
    <details className="relative">
      <summary
        className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100"
        aria-label={`Account menu for ${email}`}
      >
        <span className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white" aria-hidden="true">
          {initials}
        </span>
        <span className="hidden max-w-40 truncate text-slate-700 sm:block">{name || email}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        <p className="truncate px-3 py-2 text-xs text-slate-500">{email}</p>
        <Link href="/account" className="block px-3 py-2 text-sm hover:bg-slate-50">
          Account settings
        </Link>
        <form action={signOutAction}>
          <button type="submit" className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-50">
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
