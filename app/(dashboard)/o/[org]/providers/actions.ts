"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { orgAction } from "@/app/_lib/action";
import { createConnection } from "@/lib/sending/connections/create-connection";
import { deleteConnection } from "@/lib/sending/connections/delete-connection";
import { connectionIdSchema } from "@/lib/sending/connections/schemas";
import { testConnection } from "@/lib/sending/connections/test-connection";
import { updateConnection } from "@/lib/sending/connections/update-connection";

const base = (slug: string) => `/o/${slug}/providers`;

// The form's fields pass through as text; the lib operation validates them per kind.
const formSchema = z.record(z.string(), z.string());

export const createConnectionAction = orgAction(formSchema, async (input, ctx) => {
  const created = await createConnection(ctx.actor, input as never);
  revalidatePath(base(ctx.org.slug));
  redirect(`${base(ctx.org.slug)}/${created.id}?created=1`);
});

export const updateConnectionAction = orgAction(formSchema.and(connectionIdSchema), async (input, ctx) => {
  await updateConnection(ctx.actor, input);
  revalidatePath(base(ctx.org.slug), "layout");
  return { ok: true, message: "Connection saved. Test it to check the new settings." };
});

export const testConnectionAction = orgAction(connectionIdSchema, async (input, ctx) => {
  const { result } = await testConnection(ctx.actor, input);
  revalidatePath(base(ctx.org.slug), "layout");
  return result.ok ? { ok: true, message: "Connection works." } : { ok: false, error: `Test failed: ${result.error}` };
});

export const deleteConnectionAction = orgAction(connectionIdSchema, async (input, ctx) => {
  await deleteConnection(ctx.actor, input);
  revalidatePath(base(ctx.org.slug), "layout");
  redirect(`${base(ctx.org.slug)}?deleted=1`);
});
