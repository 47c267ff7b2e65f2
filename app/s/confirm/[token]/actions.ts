"use server";

import { notFound, redirect } from "next/navigation";
import { clientIp } from "@/app/_lib/client-ip";
import { confirmSubscription } from "@/lib/audience/consent/confirm-subscription";
import { isAppError } from "@/lib/errors";

/** The confirm button. Back to the same page afterwards, which then shows the outcome. */
export async function confirmAction(formData: FormData) {
  const token = String(formData.get("token") ?? "");
  try {
    await confirmSubscription(token, { ip: await clientIp() });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  redirect(`/s/confirm/${encodeURIComponent(token)}`);
}
