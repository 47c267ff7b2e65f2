import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { templates } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { TEMPLATE_NOT_FOUND, templateIdSchema } from "./schemas";

/** Deletes a template of the actor's org. Campaigns keep their own snapshot of its content. */
export async function deleteTemplate(actor: Actor, input: { id: string }): Promise<void> {
  const { id } = templateIdSchema.parse(input);
  const deleted = await db
    .delete(templates)
    .where(and(eq(templates.id, id), eq(templates.orgId, actor.orgId)))
    .returning({ id: templates.id });
  if (deleted.length === 0) throw new AppError("NOT_FOUND", TEMPLATE_NOT_FOUND);
}
