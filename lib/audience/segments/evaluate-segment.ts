import type { Actor } from "@/lib/orgs/actor";
import { countWhere } from "./count-segment";
import { prepareSegment } from "./prepare-segment";
import { previewWhere } from "./preview-segment";

/** The builder's live answer for unsaved rules: checked once, then the count and a preview. */
export async function evaluateSegment(actor: Actor, input: { rules: unknown }) {
  const { condition } = await prepareSegment(actor.orgId, input.rules);
  const [count, preview] = await Promise.all([countWhere(actor.orgId, condition), previewWhere(actor.orgId, condition)]);
  return { count, preview };
}
