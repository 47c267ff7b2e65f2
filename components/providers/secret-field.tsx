"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/**
 * A write-only secret. When one is stored the form shows "••••" and a Replace button; the stored
 * value never reaches the browser. Left closed (or empty), the stored secret is kept.
 */
export function SecretField({ label, name, stored, error, hint }: { label: string; name: string; stored: boolean; error?: string; hint?: string }) {
  const [replacing, setReplacing] = useState(!stored || Boolean(error));
  if (!replacing) {
    return (
      <div>
        <p className="mb-1 block text-sm font-medium text-slate-700" id={`f-${name}-label`}>
          {label}
        </p>
        <div className="flex items-center gap-3">
          <span className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-500" aria-labelledby={`f-${name}-label`}>
            ••••••••
          </span>
          <Button variant="secondary" size="sm" onClick={() => setReplacing(true)} aria-label={`Replace the ${label.toLowerCase()}`}>
            Replace
          </Button>
        </div>
        <p className="mt-1 text-xs text-slate-500">Stored encrypted. It is never shown again.</p>
      </div>
    );
  }
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      spellCheck={false}
      error={error}
      hint={stored ? "Type the new value; leave empty to keep the stored one." : hint}
    />
  );
}
