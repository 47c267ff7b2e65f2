"use server";

import { notFound, redirect } from "next/navigation";
import { unsubscribeEverywhere } from "@/lib/audience/consent/unsubscribe-everywhere";
import { updatePreferences } from "@/lib/audience/consent/update-preferences";
import { isAppError } from "@/lib/errors";

// Plain form posts that end in a redirect back to the page: the preference centre works
// without JavaScript, and a reload never posts twice.

const strings = (form: FormData, key: string) => form.getAll(key).filter((v): v is string => typeof v === "string");

async function run(token: string, op: () => Promise<unknown>, done: string) {
  try {
    await op();
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  redirect(`/p/${encodeURIComponent(token)}?done=${done}`);
}

export async function updatePreferencesAction(formData: FormData) {
  const token = String(formData.get("token") ?? "");
  await run(token, () => updatePreferences(token, { shown: strings(formData, "shown"), keep: strings(formData, "keep") }), "saved");
}

export async function unsubscribeEverywhereAction(formData: FormData) {
  const token = String(formData.get("token") ?? "");
  await run(token, () => unsubscribeEverywhere(token), "unsubscribed");
}
