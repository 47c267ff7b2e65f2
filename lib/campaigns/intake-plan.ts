import { and, eq, inArray, sql } from "drizzle-orm";
import { query, type Tx } from "@/db";
import { lists, orgs, segments, templates, type Campaign, type CampaignContent, type Org, type Template } from "@/db/schema";
import { compileSegment } from "@/lib/audience/segments/compile-segment";
import { loadSegmentContext } from "@/lib/audience/segments/prepare-segment";
import { segmentRulesSchema } from "@/lib/audience/segments/rules-schema";
import { getPlan, type Plan } from "@/lib/billing/plans";
import { upgradePath } from "@/lib/billing/limits";
import { checkTemplate } from "@/lib/content/check-template";
import { declaredAttributeKeys } from "@/lib/content/templates/template-store";
import { AppError, isAppError } from "@/lib/errors";
import { utcToday } from "@/lib/sending/senders/sender-status";
import type { IntakeSpec } from "./intake-sql";
import { scheduleSqlParams } from "./schedule/schedule-sql";
import type { PoolSender } from "./sender-spread";

/** Something that stops a launch; `field` names the form control to fix, when there is one. */
export type LaunchProblem = { message: string; field?: string };

export type IntakePlan = {
  org: Pick<Org, "id" | "slug" | "plan" | "credits" | "postalAddress" | "timezone">;
  plan: Plan;
  /** The template's content as the launch freezes it; null without a usable template. */
  content: CampaignContent | null;
  /** Null when a problem makes the audience impossible to compute. */
  spec: IntakeSpec | null;
  problems: LaunchProblem[];
};

export const settingsPath = (slug: string) => `/o/${slug}/settings`;

export const creditsShort = (needed: number, have: number, slug: string) =>
  `This campaign needs ${needed.toLocaleString("en-US")} credits; you have ${have.toLocaleString("en-US")}. Upgrade for more: ${upgradePath(slug)}`;

function contentOf(t: Template): CampaignContent {
  return t.channel === "email"
    ? { subject: t.subject, preheader: t.preheader, html: t.html, text: t.text, smsBody: null }
    : { subject: null, preheader: null, html: null, text: null, smsBody: t.smsBody };
}

/** The pool's ACTIVE senders of the org and channel, with today's count, in the pool's order. */
async function activePool(tx: Tx, c: Campaign): Promise<PoolSender[]> {
  if (!c.senderIds.length) return [];
  const rows = await query<{ id: string; sent: number }>(
    sql`SELECT s.id, coalesce(d.sent, 0)::int AS sent
        FROM senders s LEFT JOIN sender_daily_counts d ON d.sender_id = s.id AND d.day = ${utcToday}
        WHERE s.org_id = ${c.orgId} AND s.channel = ${c.channel} AND s.status = 'active'
          AND s.id IN (${sql.join(
            c.senderIds.map((id) => sql`${id}`),
            sql`, `,
          )})`,
    tx,
  );
  const order = new Map(c.senderIds.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!).map((r) => ({ id: r.id, sentToday: Number(r.sent) }));
}

/** Compiled conditions of the named segments; a missing or broken one is a problem, not a crash. */
async function compileSegments(tx: Tx, orgId: string, ids: string[], problems: LaunchProblem[], field: string) {
  if (!ids.length) return [];
  const rows = await tx.select().from(segments).where(and(eq(segments.orgId, orgId), inArray(segments.id, ids)));
  if (rows.length !== ids.length) problems.push({ message: "A segment of this campaign's audience no longer exists. Edit the audience.", field });
  const out = [];
  for (const row of rows) {
    try {
      const rules = segmentRulesSchema.parse(row.rules);
      out.push(compileSegment(rules, await loadSegmentContext(orgId, rules, false, tx)).condition);
    } catch (e) {
      if (!isAppError(e)) throw e;
      problems.push({ message: `Segment "${row.name}": ${e.message}`, field });
    }
  }
  return out;
}

/**
 * Everything a launch checks and the intake statement needs, read in the caller's transaction:
 * the org (postal address, plan, credits), the template (its channel, its merge tags against the
 * org's attributes), the pool's active senders, the audience's lists and compiled segments. The
 * review shows `problems`; the launch refuses on the first.
 */
export async function prepareIntake(tx: Tx, c: Campaign): Promise<IntakePlan> {
  const problems: LaunchProblem[] = [];
  const [org] = await tx
    .select({ id: orgs.id, slug: orgs.slug, plan: orgs.plan, credits: orgs.credits, postalAddress: orgs.postalAddress, timezone: orgs.timezone })
    .from(orgs)
    .where(eq(orgs.id, c.orgId));
  if (!org) throw new AppError("NOT_FOUND", "That organization does not exist.");

  if (c.channel === "email" && !org.postalAddress?.trim()) {
    problems.push({
      message: `Add your organization's postal address in Settings (${settingsPath(org.slug)}) first: every marketing e-mail shows it in the footer.`,
    });
  }

  let content: CampaignContent | null = null;
  const [template] = c.templateId ? await tx.select().from(templates).where(and(eq(templates.id, c.templateId), eq(templates.orgId, c.orgId))) : [];
  if (!template) problems.push({ message: "Choose a template for this campaign.", field: "templateId" });
  else if (template.channel !== c.channel) problems.push({ message: `The template is for ${template.channel === "sms" ? "SMS" : "e-mail"}; choose one for this campaign's channel.`, field: "templateId" });
  else {
    content = contentOf(template);
    const { errors } = checkTemplate(content, await declaredAttributeKeys(tx, c.orgId));
    const first = Object.values(errors)[0];
    if (first) problems.push({ message: `The template "${template.name}" needs attention: ${first}`, field: "templateId" });
  }

  const pool = await activePool(tx, c);
  if (!pool.length) problems.push({ message: "Add an active sender to this campaign's pool.", field: "senderIds" });

  const a = c.audience;
  if (!a.listIds.length && !a.segmentIds.length) problems.push({ message: "Choose who receives this campaign: a list or a segment.", field: "audience.listIds" });
  const listIds = [...a.listIds, ...a.excludeListIds];
  if (listIds.length) {
    const own = await tx.select({ id: lists.id }).from(lists).where(and(eq(lists.orgId, c.orgId), inArray(lists.id, listIds)));
    if (own.length !== new Set(listIds).size) problems.push({ message: "A list of this campaign's audience no longer exists. Edit the audience.", field: "audience.listIds" });
  }
  const include = await compileSegments(tx, c.orgId, a.segmentIds, problems, "audience.segmentIds");
  const exclude = await compileSegments(tx, c.orgId, a.excludeSegmentIds, problems, "audience.excludeSegmentIds");

  const [sup] = await query<{ any: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM suppressions WHERE org_id = ${c.orgId} AND channel = ${c.channel}) AS any`, tx);

  const spec: IntakeSpec = {
    orgId: c.orgId,
    channel: c.channel,
    audience: a,
    segments: include,
    excludeSegments: exclude,
    hasSuppressions: Boolean(sup?.any),
    schedule: scheduleSqlParams(c.schedule, org.timezone),
    pool,
  };
  return { org, plan: getPlan(org.plan), content, spec, problems };
}

export const problemError = (p: LaunchProblem) => new AppError("VALIDATION", p.message, p.field ? { [p.field]: p.message } : undefined);
