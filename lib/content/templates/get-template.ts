import { db } from "@/db";
import type { Template } from "@/db/schema";
import type { Actor } from "@/lib/orgs/actor";
import { templateIdSchema } from "./schemas";
import { loadTemplate } from "./template-store";

/** One template of the actor's org, for the editor. */
export async function getTemplate(actor: Actor, input: { id: string }): Promise<Template> {
  const { id } = templateIdSchema.parse(input);
  return loadTemplate(db, actor.orgId, id);
}
