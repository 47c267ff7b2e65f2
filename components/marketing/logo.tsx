import Link from "next/link";

/** The Herald mark: a rounded brand tile with a stylised "H" whose crossbar is a signal wave. */
export function LogoMark({ className = "size-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" className={className}>
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <path
        d="M10 9v14M22 9v14M10 16c2-2.2 4-2.2 6 0s4 2.2 6 0"
        fill="none"
        stroke="white"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** Mark + wordmark, linking home. */
export function Logo({ className = "" }: { className?: string }) {
  return (
    <Link href="/" aria-label="Herald home" className={`inline-flex items-center gap-2 rounded-md ${className}`}>
      <LogoMark />
      <span className="text-lg font-semibold tracking-tight text-slate-900">Herald</span>
    </Link>
  );
}
