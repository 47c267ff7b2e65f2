import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { contactAttributes, imports, lists } from "@/db/schema";
import { EVENTS } from "@/inngest/events";
import { sendEvent } from "@/inngest/send";
import { normalizeTags } from "@/lib/audience/normalize";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { checkMapping } from "./column-mapping";
import { getImport } from "./get-import";

export const startImportSchema = z
  .object({
    importId: z.string().startsWith("imp_"),
    mapping: z.record(z.string(), z.string()),
    listIds: z.array(z.string().startsWith("lst_")).max(50).default([]),
    tags: z.union([z.string(), z.array(z.string())]).default([]),
    updateExisting: z.boolean().default(true),
    status: z.enum(["subscribed", "pending"]),
    consentSource: z.string().trim().max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === "subscribed" && !v.consentSource) {
      ctx.addIssue({ code: "custom", path: ["consentSource"], message: "Say where these people gave consent (for example \"Webinar sign-up sheet, May 2025\")." });
    }
  });

/**
 * Checks the mapping and options, then queues the import. Nothing touches contacts here: a
 * mapping without an e-mail or phone column, or a list of another org, is refused first.
 */
export async function startImport(actor: Actor, input: z.input<typeof startImportSchema>) {
  const v = startImportSchema.parse(input);
  const imp = await getImport(actor, v.importId);
  if (imp.status !== "uploaded" && imp.status !== "failed") throw new AppError("CONFLICT", "This import has already started.");
  const attrs = await db.select({ key: contactAttributes.key }).from(contactAttributes).where(eq(contactAttributes.orgId, actor.orgId));
  const checked = checkMapping(v.mapping, imp.headers.length, attrs.map((a) => a.key));
  if (!checked.ok) throw new AppError("VALIDATION", checked.error, { mapping: checked.error });
  const listIds = [...new Set(v.listIds)];
  if (listIds.length) {
    const found = await db.select({ id: lists.id }).from(lists).where(and(eq(lists.orgId, actor.orgId), inArray(lists.id, listIds)));
    if (found.length !== listIds.length) throw new AppError("NOT_FOUND", "One of the chosen lists does not exist.", { listIds: "Choose lists of this organization." });
  }
  const options = {
    listIds,
    tags: normalizeTags(Array.isArray(v.tags) ? v.tags : [v.tags]),
    updateExisting: v.updateExisting,
    status: v.status,
    ...(v.status === "subscribed" ? { consentSource: v.consentSource } : {}),
  };
  // The status guard makes a double submit queue the import once.
  const [row] = await db
    .update(imports)
    .set({ mapping: checked.mapping, options, status: "queued", error: null })
    .where(and(eq(imports.id, imp.id), eq(imports.orgId, actor.orgId), sql`${imports.status} IN ('uploaded', 'failed')`))
    .returning({ id: imports.id });
  if (!row) throw new AppError("CONFLICT", "This import has already started.");
  await sendEvent({ name: EVENTS.importQueued, data: { orgId: actor.orgId, importId: imp.id } });
  return { importId: imp.id };
}
