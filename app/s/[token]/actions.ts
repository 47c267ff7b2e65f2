"use server";

import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";
import type { ActionState } from "@/app/_lib/action";
import { clientIp } from "@/app/_lib/client-ip";
import { subscribeToList } from "@/lib/audience/consent/subscribe-to-list";
import { fieldErrors, isAppError } from "@/lib/errors";

export type SubscribeState = ActionState & { doubleOptIn?: boolean };

/** The hosted subscribe form. Public: no session; the list comes from the form's token. */
export async function subscribeAction(_prev: SubscribeState, formData: FormData): Promise<SubscribeState> {
  const values: Record<string, string> = {};
  for (const key of ["email", "firstName", "lastName"]) {
    const v = formData.get(key);
    if (typeof v === "string") values[key] = v;
  }
  try {
    const token = String(formData.get("token") ?? "");
    const input = { ...values, website: formData.get("website") };
    const result = await subscribeToList(token, input, { ip: await clientIp() });
    return {
      ok: true,
      doubleOptIn: result.doubleOptIn,
      message: result.doubleOptIn ? "Check your inbox: we sent you a link to confirm your subscription." : `You are subscribed to ${result.listName}.`,
    };
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof ZodError) return { error: "Please check the form.", fields: fieldErrors(e), values };
    if (isAppError(e)) return { error: e.message, fields: e.fields, values };
    console.error("[subscribe] unexpected error", e);
    return { error: "Something went wrong on our side. Try again.", values };
  }
}
