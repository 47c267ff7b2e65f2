"use client";

import Link from "next/link";
import { useActionState } from "react";
import { requestCodeAction, verifyCodeAction, type SignInState } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * E-mail -> code. Sign-up asks for a name as well; the same flow signs in an existing account
 * or creates a new one, because owning the inbox is what proves who you are.
 */
export function CodeSignIn({ mode, next, defaultEmail }: { mode: "sign-in" | "sign-up"; next?: string; defaultEmail?: string }) {
  const [requested, request] = useActionState<SignInState, FormData>(requestCodeAction, { step: "email" });
  const [verified, verify] = useActionState<SignInState, FormData>(verifyCodeAction, {});
  const email = verified.email ?? requested.email;
  const onCodeStep = requested.step === "code" || verified.step === "code";

  if (onCodeStep && email) {
    return (
      <div className="space-y-4">
        {verified.error ? null : <Alert tone="success">{requested.message ?? `We sent a 6-digit code to ${email}.`}</Alert>}
        <form action={verify} className="space-y-4" noValidate>
          <input type="hidden" name="email" value={email} />
          <input type="hidden" name="next" value={next ?? ""} />
          <Field
            label="Sign-in code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            maxLength={6}
            placeholder="123456"
            autoFocus
            required
            error={verified.fields?.code ?? verified.error}
            hint="The code and the link in the e-mail work once and expire in 10 minutes."
          />
          <SubmitButton className="w-full" pendingText="Checking…">
            Continue
          </SubmitButton>
        </form>
        <form action={request} className="flex items-center justify-between text-sm">
          <input type="hidden" name="email" value={email} />
          <input type="hidden" name="next" value={next ?? ""} />
          <button type="submit" className="text-brand-700 hover:underline">
            Send a new code
          </button>
          <Link href={mode === "sign-up" ? "/sign-up" : "/sign-in"} className="text-slate-600 hover:underline">
            Use a different address
          </Link>
        </form>
      </div>
    );
  }

  return (
    <form action={request} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next ?? ""} />
      {requested.error && !requested.fields ? <Alert tone="error">{requested.error}</Alert> : null}
      {mode === "sign-up" ? (
        <Field label="Your name" name="name" autoComplete="name" defaultValue={requested.values?.name} error={requested.fields?.name} />
      ) : null}
      <Field
        label="Work e-mail"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        defaultValue={requested.values?.email ?? defaultEmail}
        error={requested.fields?.email}
      />
      <SubmitButton className="w-full" pendingText="Sending…">
        {mode === "sign-up" ? "Create account" : "E-mail me a sign-in code"}
      </SubmitButton>
    </form>
  );
}
