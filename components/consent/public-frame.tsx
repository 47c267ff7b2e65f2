import type { ReactNode } from "react";

/** The frame of the pages a contact reaches from an e-mail or a website: no dashboard, no sign-in. */
export function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-50 px-4 py-12">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">{children}</div>
      <p className="mt-6 text-xs text-slate-400">Sent with Herald</p>
    </main>
  );
}

/** What a bad, tampered or expired link shows (with a 404 status). */
export function InvalidLink() {
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">This link is not valid</h1>
      <p className="mt-2 text-sm text-slate-600">
        It may have been copied incompletely, it may have expired, or what it was for no longer exists. Use the newest e-mail you received, or ask the sender for a new link.
      </p>
    </>
  );
}
