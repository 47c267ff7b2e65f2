import { eq, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { auditLog, campaigns, lists, memberships, orgs, providerConnections, segments, senders, templates, users } from "@/db/schema";
import { randomToken } from "@/lib/crypto";
import { hashPassword } from "@/lib/auth/password";
import { PLANS } from "@/lib/billing/plans";
import { checkTemplate } from "@/lib/content/check-template";
import { OUTBOX_CONNECTION_NAME } from "@/lib/sending/connections/ensure-outbox-connection";

export const DEMO = {
  email: "demo@herald.test",
  password: "herald-demo",
  teammate: "teammate@herald.test",
  orgName: "Acme",
  orgSlug: "acme",
} as const;

/**
 * Demo data: a user demo@herald.test (password herald-demo) owning "Acme", with a second
 * member. Does nothing when any user exists, so it never touches real data.
 */
export async function seedDemo(): Promise<{ seeded: boolean }> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (n > 0) return { seeded: false };
  const passwordHash = await hashPassword(DEMO.password);
  await db.transaction(async (tx) => {
    const [owner] = await tx.insert(users).values({ email: DEMO.email, name: "Dana Demo", emailVerified: new Date(), passwordHash }).returning();
    const [mate] = await tx.insert(users).values({ email: DEMO.teammate, name: "Toni Teammate", emailVerified: new Date(), passwordHash }).returning();
    const [org] = await tx
      .insert(orgs)
      .values({
        name: DEMO.orgName,
        slug: DEMO.orgSlug,
        plan: "hobby",
        credits: PLANS.hobby.monthlyCredits ?? 0,
        timezone: "Europe/Berlin",
        postalAddress: "Acme Inc., 1 Market Street, San Francisco, CA 94105, USA",
        defaultSenderName: "Acme",
        defaultSenderEmail: "hello@acme.test",
      })
      .returning();
    await tx.insert(memberships).values([
      { orgId: org.id, userId: owner.id, role: "owner" },
      { orgId: org.id, userId: mate.id, role: "member" },
    ]);
    await tx.insert(auditLog).values({ orgId: org.id, actorId: owner.id, action: "org.created", targetType: "org", targetId: org.id, data: { name: org.name, seeded: true } });
    const listId = await seedAudience(tx, org.id);
    await seedMessaging(tx, org.id, owner.id, listId);
  });
  return { seeded: true };
}

export async function demoOrgExists() {
  const [row] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, DEMO.orgSlug));
  return Boolean(row);
}

const FIRST = ["Ada", "Ben", "Chloe", "Dmitri", "Emma", "Farah", "Gus", "Hana", "Ivan", "Jonas", "Kemi", "Lena", "Mateo", "Nora", "Omar", "Priya"];
const LAST = ["Lovelace", "Okafor", "Martin", "Petrov", "Schmidt", "Haddad", "Novak", "Sato", "Ivanova", "Berg", "Adeyemi", "Rossi", "Garcia", "Olsen", "Farouk", "Nair"];
const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London", "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney", "Europe/Moscow"];

const textArray = (values: string[]) => sql`(ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[])`;

/** 240 demo contacts with tags, timezones and a few statuses, a list and a segment: one statement each. */
async function seedAudience(tx: Tx, orgId: string) {
  await tx.execute(sql`
    INSERT INTO contacts (org_id, email, phone, first_name, last_name, timezone, tags, status, consent_source, consent_at, notify_from, notify_to, created_at)
    SELECT ${orgId},
           lower(${textArray(FIRST)}[1 + g % 16] || '.' || ${textArray(LAST)}[1 + (g * 7) % 16] || g || '@example.com'),
           CASE WHEN g % 3 = 0 THEN '+4915' || lpad((10000000 + g)::text, 9, '0') END,
           ${textArray(FIRST)}[1 + g % 16], ${textArray(LAST)}[1 + (g * 7) % 16],
           ${textArray(ZONES)}[1 + g % 8],
           CASE WHEN g % 10 = 0 THEN ARRAY['vip', 'customer'] WHEN g % 4 = 0 THEN ARRAY['customer'] WHEN g % 5 = 0 THEN ARRAY['trial'] ELSE '{}' END,
           (CASE WHEN g % 37 = 0 THEN 'unsubscribed' WHEN g % 53 = 0 THEN 'bounced' WHEN g % 29 = 0 THEN 'pending' ELSE 'subscribed' END)::contact_status,
           'Demo data', now() - make_interval(days => g % 90),
           CASE WHEN g % 6 = 0 THEN time '09:00' END, CASE WHEN g % 6 = 0 THEN time '18:00' END,
           now() - make_interval(days => g % 90, mins => g)
    FROM generate_series(1, 240) g`);
  const [list] = await tx.insert(lists).values({ orgId, name: "Newsletter", description: "Monthly product news", publicToken: randomToken(18) }).returning();
  await tx.execute(sql`
    WITH ins AS (
      INSERT INTO list_members (list_id, contact_id, org_id)
      SELECT ${list.id}, id, ${orgId} FROM contacts WHERE org_id = ${orgId} AND status = 'subscribed' AND id % 2 = 0
      RETURNING 1
    )
    UPDATE lists SET member_count = (SELECT count(*) FROM ins) WHERE id = ${list.id}`);
  await tx.insert(segments).values({ orgId, name: "VIP customers", rules: { match: "all", rules: [{ field: "tag", op: "is", value: "vip" }] } });
  return list.id;
}

const NEWSLETTER_HTML = `<html><body style="font-family:sans-serif">
<h1>Hello {{ contact.first_name | default: "there" }},</h1>
<p>Here is what is new at {{ org.name }} this month.</p>
<p><a href="https://acme.test/blog/december">Read the December update</a></p>
</body></html>`;

/**
 * The outbox, one e-mail sender, a newsletter template and a draft campaign to the Newsletter
 * list: launching it from the dashboard shows the whole pipeline with no configuration.
 */
async function seedMessaging(tx: Tx, orgId: string, ownerId: string, listId: string) {
  const [outbox] = await tx.insert(providerConnections).values({ orgId, name: OUTBOX_CONNECTION_NAME, kind: "outbox", status: "ok" }).returning();
  const [sender] = await tx
    .insert(senders)
    .values({ orgId, channel: "email", connectionId: outbox.id, fromName: "Acme", fromEmail: "hello@acme.test", ratePerSecond: 20, dailyCap: 2000 })
    .returning();
  const email = { subject: "What's new at Acme, {{ contact.first_name | default: \"friend\" }}", html: NEWSLETTER_HTML };
  const sms = { smsBody: "Hi {{ contact.first_name | default: \"there\" }}, 20% off at Acme today only." };
  const [template] = await tx
    .insert(templates)
    .values({ orgId, channel: "email", name: "Monthly newsletter", ...email, variables: checkTemplate(email, []).variables, createdById: ownerId })
    .returning();
  await tx.insert(templates).values({ orgId, channel: "sms", name: "Flash sale", ...sms, variables: checkTemplate(sms, []).variables, createdById: ownerId });
  await tx.insert(campaigns).values({
    orgId,
    name: "December newsletter",
    channel: "email",
    templateId: template.id,
    audience: { listIds: [listId], segmentIds: [], excludeListIds: [], excludeSegmentIds: [] },
    senderIds: [sender.id],
    createdById: ownerId,
  });
}
