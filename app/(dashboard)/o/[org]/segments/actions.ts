"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { orgAction } from "@/app/_lib/action";
import { currentUser } from "@/app/_lib/session";
import { createSegment } from "@/lib/audience/segments/create-segment";
import { deleteSegment } from "@/lib/audience/segments/delete-segment";
import { evaluateSegment } from "@/lib/audience/segments/evaluate-segment";
import { segmentIdSchema } from "@/lib/audience/segments/rules-schema";
import { updateSegment } from "@/lib/audience/segments/update-segment";
import { isAppError } from "@/lib/errors";
import { getOrgContext } from "@/lib/orgs/get-org-context";

export type EvaluateResult =
  | { count: number; preview: { id: string; email: string | null; phone: string | null; name: string; status: string }[] }
  | { error: string; fields?: Record<string, string> };

/** The builder's live count and preview. Not a form action: the builder calls it while editing. */
export async function evaluateSegmentAction(slug: string, rules: unknown): Promise<EvaluateResult> {
  try {
    const user = await currentUser();
    const ctx = user && typeof slug === "string" ? await getOrgContext(user.id, slug) : null;
    if (!ctx) return { error: "Your session has ended or you are not a member of this organization." };
    const { count, preview } = await evaluateSegment(ctx.actor, { rules });
    return {
      count,
      preview: preview.map((c) => ({ id: c.id, email: c.email, phone: c.phone, name: [c.firstName, c.lastName].filter(Boolean).join(" "), status: c.status })),
    };
  } catch (e) {
    if (isAppError(e)) return { error: e.message, fields: e.fields };
    console.error("[segments] evaluate failed", e);
    return { error: "Could not count right now. Try again." };
  }
}

const saveSchema = z.object({ segmentId: z.string().optional(), name: z.string(), rules: z.string() });

export const saveSegmentAction = orgAction(saveSchema, async ({ segmentId, name, rules }, ctx) => {
  if (segmentId) {
    await updateSegment(ctx.actor, { segmentId, name, rules });
    revalidatePath(`/o/${ctx.org.slug}/segments`);
    return { ok: true, message: "Segment saved." };
  }
  const segment = await createSegment(ctx.actor, { name, rules });
  revalidatePath(`/o/${ctx.org.slug}/segments`);
  redirect(`/o/${ctx.org.slug}/segments/${segment.id}`);
});

export const deleteSegmentAction = orgAction(segmentIdSchema, async (input, ctx) => {
  await deleteSegment(ctx.actor, input);
  revalidatePath(`/o/${ctx.org.slug}/segments`);
  redirect(`/o/${ctx.org.slug}/segments`);
});
