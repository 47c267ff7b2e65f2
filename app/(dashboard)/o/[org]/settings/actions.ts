"use server";

import { revalidatePath } from "next/cache";
import { orgAction } from "@/app/_lib/action";
import { orgSettingsSchema } from "@/lib/orgs/schemas";
import { updateOrgSettings } from "@/lib/orgs/update-org-settings";

export const updateSettingsAction = orgAction(orgSettingsSchema, async (input, ctx) => {
  await updateOrgSettings(ctx.actor, input);
  revalidatePath(`/o/${ctx.org.slug}`, "layout");
  return { ok: true, message: "Settings saved." };
});
