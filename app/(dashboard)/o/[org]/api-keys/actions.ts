"use server";

import { revalidatePath } from "next/cache";
import { orgAction, type ActionState } from "@/app/_lib/action";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { apiKeyIdSchema, createApiKeySchema } from "@/lib/api-keys/schemas";

const base = (slug: string) => `/o/${slug}/api-keys`;

/** The create form's state also carries the new token, which is shown once and never stored. */
export type CreateApiKeyState = ActionState & { token?: string };

export const createApiKeyAction = orgAction(createApiKeySchema, async (input, ctx) => {
  const { key, token } = await createApiKey(ctx.actor, input);
  revalidatePath(base(ctx.org.slug));
  const state: CreateApiKeyState = { ok: true, message: `Key “${key.name}” created. Copy it now: it will not be shown again.`, token };
  return state;
});

export const revokeApiKeyAction = orgAction(apiKeyIdSchema, async (input, ctx) => {
  const key = await revokeApiKey(ctx.actor, input);
  revalidatePath(base(ctx.org.slug));
  return { ok: true, message: `Key “${key.name}” revoked.` };
});
