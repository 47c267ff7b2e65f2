import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { memberships, users } from "@/db/schema";
import { TemplateError } from "@/lib/content/liquid-engine";
import { renderEmail } from "@/lib/content/render-template";
import { AppError } from "@/lib/errors";
import { dispatchSystemEmails, insertSystemEmail } from "@/lib/mail/queue-system-email";
import type { Actor } from "@/lib/orgs/actor";
import { enforceRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { effectiveContent } from "./draft-content";
import { sampleContext } from "./sample-context";
import { emailContentSchema, sendTestEmailSchema, type SendTestEmailInput } from "./schemas";
import { assertTemplateSound, loadTemplate } from "./template-store";

/** Tests are capped per org: enough to iterate, too few to spam with. */
export const TEST_EMAILS_PER_HOUR = 20;

/**
 * Renders an e-mail template (as saved, or the editor's draft) with the sample contact and sends
 * it to one address through the system mail queue, subject prefixed "[Test] ". Any member may,
 * to the address of a member of the org only: the system mailer sends from Herald's own domain,
 * which must not become a relay for arbitrary HTML to arbitrary people.
 */
export async function sendTestEmail(actor: Actor, input: SendTestEmailInput): Promise<{ to: string }> {
  const data = sendTestEmailSchema.parse(input);
  const saved = await loadTemplate(db, actor.orgId, data.id);
  if (saved.channel !== "email") throw new AppError("BAD_REQUEST", "Only e-mail templates can be sent as a test e-mail.");
  const [member] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, actor.orgId), eq(users.email, data.to.trim().toLowerCase())));
  if (!member) {
    throw new AppError("FORBIDDEN", "Test e-mails go to members of this organization. Invite the address to the team first.", {
      to: "Use the address of a member of this organization.",
    });
  }
  const content = emailContentSchema.parse(effectiveContent(saved, data.content));
  await assertTemplateSound(actor.orgId, content);
  const { ctx } = await sampleContext(actor.orgId, "email");
  let rendered;
  try {
    rendered = renderEmail(content, ctx);
  } catch (e) {
    if (e instanceof TemplateError) throw new AppError("VALIDATION", e.message, { html: e.message });
    throw e;
  }
  await enforceRateLimit(`template-test:${actor.orgId}`, TEST_EMAILS_PER_HOUR, 3600, "Too many test e-mails from this organization.");
  const row = await insertSystemEmail(db, {
    to: data.to,
    kind: "template-test",
    orgId: actor.orgId,
    subject: `[Test] ${rendered.subject}`,
    html: rendered.html,
    text: rendered.text,
  });
  await dispatchSystemEmails([row]);
  return { to: data.to };
}
