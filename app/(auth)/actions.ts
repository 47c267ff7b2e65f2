"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/app/_lib/auth";
import type { ActionState } from "@/app/_lib/action";
import { clientIp } from "@/app/_lib/client-ip";
import { safeNext } from "@/app/_lib/safe-next";
import { requestLoginCode } from "@/lib/auth/request-login-code";
import { passwordSignInSchema, requestCodeSchema, verifyCodeSchema } from "@/lib/auth/schemas";
import { fieldErrors, isAppError } from "@/lib/errors";

export type SignInState = ActionState & { step?: "email" | "code"; email?: string };

const str = (f: FormData, k: string) => (typeof f.get(k) === "string" ? (f.get(k) as string) : "");

/** Step 1: e-mail (and a name on sign-up) -> a code and a magic link in the inbox. */
export async function requestCodeAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const values = { email: str(form, "email"), name: str(form, "name") };
  const parsed = requestCodeSchema.safeParse(values);
  if (!parsed.success) return { step: "email", error: "Check the highlighted field.", fields: fieldErrors(parsed.error), values };
  try {
    await requestLoginCode(parsed.data, { next: safeNext(str(form, "next"), "") || undefined, ip: await clientIp() });
    return { step: "code", email: parsed.data.email, message: `We sent a 6-digit code to ${parsed.data.email}.` };
  } catch (e) {
    if (isAppError(e)) return { step: "email", error: e.message, fields: e.fields, values };
    throw e;
  }
}

async function signInOrExplain(provider: string, credentials: Record<string, string>, next: string, fallback: SignInState): Promise<SignInState> {
  try {
    await signIn(provider, { ...credentials, redirect: false });
  } catch (e) {
    if (e instanceof CredentialsSignin) return { ...fallback, error: e.code };
    if (e instanceof AuthError) return { ...fallback, error: "Sign-in failed. Try again." };
    throw e;
  }
  redirect(safeNext(next));
}

/** Step 2: the code from the e-mail. */
export async function verifyCodeAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = str(form, "email");
  const parsed = verifyCodeSchema.safeParse({ email, code: str(form, "code") });
  if (!parsed.success) return { step: "code", email, error: "Enter the 6-digit code.", fields: fieldErrors(parsed.error) };
  const state = await signInOrExplain("code", parsed.data, str(form, "next"), { step: "code", email });
  return { ...state, fields: state.error ? { code: state.error } : undefined };
}

export async function passwordSignInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const values = { email: str(form, "email") };
  const parsed = passwordSignInSchema.safeParse({ email: values.email, password: str(form, "password") });
  if (!parsed.success) return { error: "Check the highlighted fields.", fields: fieldErrors(parsed.error), values };
  return signInOrExplain("password", parsed.data, str(form, "next"), { values });
}

export async function linkSignInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const token = z.string().min(20).safeParse(str(form, "token"));
  if (!token.success) return { error: "This sign-in link is incomplete. Request a new code." };
  return signInOrExplain("link", { token: token.data }, str(form, "next"), {});
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
