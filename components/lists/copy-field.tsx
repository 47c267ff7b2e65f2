"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A read-only value that selects itself on focus, with a copy button that says when it worked. */
export function CopyField({ label, value, id }: { label: string; value: string; id: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-800 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200"
        />
        <Button
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
              setTimeout(() => setCopied(false), 2000);
            } catch {
              document.getElementById(id)?.focus();
            }
          }}
          aria-label={`Copy ${label}`}
        >
          Copy
        </Button>
      </div>
      <p role="status" className="mt-1 h-4 text-xs text-emerald-700">
        {copied ? "Copied." : ""}
      </p>
    </div>
  );
}
