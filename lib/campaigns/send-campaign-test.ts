import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { orgs, providerConnections, senders, templates, type CampaignContent, type Sender } from "@/db/schema";
import { normalizeEmail, normalizePhone } from "@/lib/audience/normalize";
import { isSuppressed } from "@/lib/audience/suppressions/suppressed-filter";
import { TemplateError } from "@/lib/content/liquid-engine";
import { compileEmail, renderSms } from "@/lib/content/render-template";
import { sampleContext } from "@/lib/content/templates/sample-context";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { enforceRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { outboxProvider, outboxSmsProvider } from "@/lib/sending/providers/outbox";
import { providerForConnection } from "@/lib/sending/providers/provider-for-connection";
import type { EmailAddress, ProviderResult } from "@/lib/sending/providers/types";
import { senderFrom } from "@/lib/sending/senders/sender-view";
import { loadCampaign } from "./load-campaign";
import { authorize } from "./permissions";
import { sendCampaignTestSchema } from "./schemas";

/** Tests are capped per org: enough to iterate, too few to send a campaign with. */
export const CAMPAIGN_TESTS_PER_HOUR = 20;

const invalid = (msg: string, field = "to") => new AppError("VALIDATION", msg, { [field]: msg });

/** The first pool sender that is active, else the first at all: the one a real send would most likely use. */
async function testSender(orgId: string, channel: "email" | "sms", pool: string[]): Promise<Sender | null> {
  if (!pool.length) return null;
  const rows = await db
    .select()
    .from(senders)
    .where(and(eq(senders.orgId, orgId), eq(senders.channel, channel), inArray(senders.id, pool)));
  const ordered = pool.flatMap((id) => rows.filter((r) => r.id === id));
  return ordered.find((s) => s.status === "active") ?? ordered[0] ?? null;
}

/**
 * "Send a test" of a campaign (any member): its content (frozen at launch, else its template's
 * now) rendered with the sample contact, subject or text prefixed "[Test] ", sent to one address
 * through the provider of the pool's first sender, or kept in the outbox when the pool is empty.
 * Links stay as written (no tracking, inert unsubscribe): a test must not count or unsubscribe
 * anybody. A suppressed address is refused, as a campaign would skip it.
 */
export async function sendCampaignTest(actor: Actor, input: { id: string; to: string }): Promise<{ to: string; via: string }> {
  authorize(actor, "view");
  const data = sendCampaignTestSchema.parse(input);
  const campaign = await loadCampaign(db, actor.orgId, data.id);
  const channel = campaign.channel;

  let to: string;
  if (channel === "email") {
    const email = normalizeEmail(data.to);
    if (!email) throw invalid("Enter a valid e-mail address.");
    to = email;
  } else {
    const [org] = await db.select({ country: orgs.defaultCountry }).from(orgs).where(eq(orgs.id, actor.orgId));
    const phone = normalizePhone(data.to, org?.country);
    if (!phone.ok) throw invalid(phone.reason);
    to = phone.e164;
  }
  if (await isSuppressed(actor.orgId, channel, to)) throw invalid("That address is suppressed in this organization; a campaign would skip it.");

  let content: CampaignContent | null = campaign.content;
  if (!content && campaign.templateId) {
    const [t] = await db.select().from(templates).where(and(eq(templates.id, campaign.templateId), eq(templates.orgId, actor.orgId)));
    if (t && t.channel === channel) content = { subject: t.subject, preheader: t.preheader, html: t.html, text: t.text, smsBody: t.smsBody };
  }
  if (!content) throw invalid("Choose a template for this campaign first.", "templateId");

  const { ctx } = await sampleContext(actor.orgId, channel);
  ctx.campaign = { name: campaign.name };
  const sender = await testSender(actor.orgId, channel, campaign.senderIds);
  const [conn] = sender
    ? await db.select().from(providerConnections).where(and(eq(providerConnections.id, sender.connectionId), eq(providerConnections.orgId, actor.orgId)))
    : [];
  const messageId = `test-${randomBytes(8).toString("hex")}`;

  await enforceRateLimit(`campaign-test:${actor.orgId}`, CAMPAIGN_TESTS_PER_HOUR, 3600, "Too many test messages from this organization. Try again later.");
  let result: ProviderResult;
  try {
    if (channel === "email") {
      const rendered = compileEmail({ subject: content.subject ?? "", preheader: content.preheader, html: content.html ?? "", text: content.text }).render(ctx);
      const from: EmailAddress = sender ? senderFrom(sender) : `test@${new URL(appUrl()).hostname}`;
      const provider = conn ? providerForConnection(conn, "email") : outboxProvider;
      result = await provider.send({ messageId, from, to, subject: `[Test] ${rendered.subject}`, html: rendered.html, text: rendered.text });
    } else {
      const body = renderSms(content.smsBody ?? "", ctx);
      const provider = conn ? providerForConnection(conn, "sms") : outboxSmsProvider;
      result = await provider.send({ messageId, from: sender?.smsSenderId ?? "Herald", to, body: `[Test] ${body}` });
    }
  } catch (e) {
    if (e instanceof TemplateError) throw invalid(e.message, "templateId");
    throw e;
  }
  if (!result.ok) throw new AppError("BAD_REQUEST", `The provider did not accept the test: ${result.error}`);
  return { to, via: conn ? conn.name : "Outbox" };
}
