"use server";

import { revalidatePath } from "next/cache";
import { orgAction } from "@/app/_lib/action";
import { markNotificationsRead, markReadSchema } from "@/lib/notifications/mark-notifications-read";

export const markReadAction = orgAction(markReadSchema, async (input, ctx) => {
  const n = await markNotificationsRead(ctx.actor, input);
  revalidatePath(`/o/${ctx.org.slug}`, "layout");
  return { ok: true, message: n === 1 ? "Marked read." : `${n} marked read.` };
});
