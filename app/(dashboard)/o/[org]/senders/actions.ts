"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { orgAction } from "@/app/_lib/action";
import { createSender } from "@/lib/sending/senders/create-sender";
import { deleteSender } from "@/lib/sending/senders/delete-sender";
import { senderIdSchema, senderStatusSchema } from "@/lib/sending/senders/schemas";
import { setSenderStatus } from "@/lib/sending/senders/set-sender-status";
import { updateSender } from "@/lib/sending/senders/update-sender";

const base = (slug: string) => `/o/${slug}/senders`;

// Text fields pass through; the lib operation validates the sender as a whole.
const formSchema = z.record(z.string(), z.string());

export const createSenderAction = orgAction(formSchema, async (input, ctx) => {
  const sender = await createSender(ctx.actor, input as never);
  revalidatePath(base(ctx.org.slug));
  redirect(`${base(ctx.org.slug)}/${sender.id}?created=1`);
});

export const updateSenderAction = orgAction(formSchema.and(senderIdSchema), async (input, ctx) => {
  await updateSender(ctx.actor, input);
  revalidatePath(base(ctx.org.slug), "layout");
  return { ok: true, message: "Sender saved." };
});

export const setSenderStatusAction = orgAction(senderStatusSchema, async (input, ctx) => {
  const sender = await setSenderStatus(ctx.actor, input);
  revalidatePath(base(ctx.org.slug), "layout");
  return { ok: true, message: sender.status === "paused" ? "Paused." : "Resumed." };
});

export const deleteSenderAction = orgAction(senderIdSchema, async (input, ctx) => {
  await deleteSender(ctx.actor, input);
  revalidatePath(base(ctx.org.slug), "layout");
  redirect(`${base(ctx.org.slug)}?deleted=1`);
});
