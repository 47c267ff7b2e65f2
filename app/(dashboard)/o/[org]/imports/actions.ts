"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { orgAction } from "@/app/_lib/action";
import { startImport } from "@/lib/audience/imports/start-import";

// Column selects post as `map_<index>`, list checkboxes as `list_<id>`.
const formSchema = z
  .object({
    importId: z.string(),
    tags: z.string().default(""),
    updateExisting: z.enum(["update", "skip"]).default("update"),
    status: z.enum(["subscribed", "pending"]),
    consentSource: z.string().optional(),
  })
  .catchall(z.string());

export const startImportAction = orgAction(formSchema, async (input, ctx) => {
  const mapping: Record<string, string> = {};
  const listIds: string[] = [];
  for (const [k, v] of Object.entries(input)) {
    if (k.startsWith("map_")) mapping[k.slice(4)] = String(v);
    if (k.startsWith("list_")) listIds.push(k.slice(5));
  }
  await startImport(ctx.actor, {
    importId: input.importId,
    mapping,
    listIds,
    tags: input.tags,
    updateExisting: input.updateExisting === "update",
    status: input.status,
    consentSource: input.consentSource,
  });
  redirect(`/o/${ctx.org.slug}/imports/${input.importId}`);
});
