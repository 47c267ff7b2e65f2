"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { orgAction, type ActionState } from "@/app/_lib/action";
import { addSuppression } from "@/lib/audience/suppressions/add-suppression";
import { importSuppressions, type ImportSuppressionsResult } from "@/lib/audience/suppressions/import-suppressions";
import { removeSuppression } from "@/lib/audience/suppressions/remove-suppression";
import { addSuppressionSchema, importSuppressionsSchema, removeSuppressionSchema } from "@/lib/audience/suppressions/schemas";
import { AppError } from "@/lib/errors";

const refresh = (slug: string) => revalidatePath(`/o/${slug}/suppressions`);

export const addSuppressionAction = orgAction(addSuppressionSchema, async (input, ctx) => {
  const r = await addSuppression(ctx.actor, input);
  if (r.added) refresh(ctx.org.slug);
  return { ok: true, message: r.added ? `${r.address} is suppressed.` : `${r.address} is already suppressed.` };
});

export const removeSuppressionAction = orgAction(removeSuppressionSchema, async (input, ctx) => {
  await removeSuppression(ctx.actor, input);
  refresh(ctx.org.slug);
  return { ok: true, message: "Removed." };
});

export type ImportState = ActionState & { result?: ImportSuppressionsResult };

const MAX_FILE_BYTES = 1024 * 1024;
const importFormSchema = importSuppressionsSchema.extend({
  text: z.string().optional(),
  file: z.custom<File>((v) => v === undefined || v instanceof File).optional(),
});

/** A pasted list, or a small text/CSV file when one is chosen (the file wins). */
export const importSuppressionsAction = orgAction(importFormSchema, async (input, ctx) => {
  let text = input.text ?? "";
  if (input.file && input.file.size > 0) {
    if (input.file.size > MAX_FILE_BYTES) throw new AppError("VALIDATION", "That file is too large.", { file: "Choose a file under 1 MB, or split it." });
    text = await input.file.text();
  }
  const result = await importSuppressions(ctx.actor, { channel: input.channel, reason: input.reason, text });
  if (result.added) refresh(ctx.org.slug);
  const state: ImportState = {
    ok: true,
    message: `${result.added} added, ${result.alreadySuppressed} already suppressed, ${result.invalid.length} invalid.`,
    result,
  };
  return state;
});
