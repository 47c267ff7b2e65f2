import { eq, sql } from "drizzle-orm";
import { db, query } from "@/db";
import { orgs, users } from "@/db/schema";
import { addressHashSql } from "@/lib/audience/suppressions/address-hash";
import { createList } from "@/lib/audience/lists/create-list";
import { createTemplate } from "@/lib/content/templates/create-template";
import type { Actor } from "@/lib/orgs/actor";
import { createOrg } from "@/lib/orgs/create-org";
import { createConnection } from "@/lib/sending/connections/create-connection";
import { createSender } from "@/lib/sending/senders/create-sender";

/**
 * The world `npm run bench -- campaign` sends to, built set-based: a Premium org (no credits or
 * contact limits in the way) with a postal address, its contacts, lists, an e-mail template,
 * provider connections and senders.
 */

export type BenchOrg = { actor: Actor; orgId: string; userId: string };

export async function createBenchOrg(): Promise<BenchOrg> {
  const [user] = await db.insert(users).values({ email: `bench-${Date.now()}@example.test`, name: "Bench" }).returning();
  const org = await createOrg(user.id, { name: `Bench campaign ${Date.now()}`, timezone: "Europe/Berlin" });
  await db.update(orgs).set({ plan: "premium", postalAddress: "Herald Bench Ltd\n1 Example Street\n10115 Berlin, Germany" }).where(eq(orgs.id, org.id));
  return { actor: { userId: user.id, orgId: org.id, role: "owner" }, orgId: org.id, userId: user.id };
}

/**
 * The org and everything it holds, in about 30 s at a million. The big tables go first and
 * set-based, children before parents: left to the org's ON DELETE CASCADE, each contact and
 * message runs its own cascade statements. ANALYZE first: those per-row statements are planned
 * once per connection, and a plan made while message_events was empty scans the whole table for
 * every message deleted (a first attempt ran for over half an hour).
 */
export async function dropBenchOrg(o: BenchOrg) {
  const tables = ["message_events", "messages", "contact_senders", "list_members", "contact_events", "suppressions"];
  for (const table of [...tables, "contacts"]) await db.execute(sql`ANALYZE ${sql.identifier(table)}`);
  for (const table of [...tables, "contacts"]) await db.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE org_id = ${o.orgId}`);
  await db.delete(orgs).where(eq(orgs.id, o.orgId));
  await db.delete(users).where(eq(users.id, o.userId));
}

// Ten readings of the zone: named zones on both sides of UTC and the date line, one in a DST
// change's neighbourhood, and two blank (the org's zone is used).
const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata", "Europe/London", "America/Sao_Paulo", null, null];

/**
 * `count` contacts whose e-mail starts with `prefix`, in one statement: names, ten zones, business
 * hours on 3 in 7 (09-17 and 13-18, which fit or move the send, and 21-23, which the campaign's
 * 08-20 window skips on 1 in 21), 3% unsubscribed and 1% bounced; and 1% of the subscribed on
 * the org's suppression list.
 */
export async function generateContacts(orgId: string, prefix: string, count: number) {
  const zones = sql`ARRAY[${sql.join(
    ZONES.map((z) => (z ? sql`${z}::text` : sql`NULL::text`)),
    sql`, `,
  )}]`;
  await db.execute(sql`
    INSERT INTO contacts (org_id, email, first_name, last_name, timezone, notify_from, notify_to, status, created_at, updated_at)
    SELECT ${orgId},
      ${prefix} || g || '@example' || (g % 50) || '.com',
      (ARRAY['Anna', 'Boris', 'Clara', 'Dmitri', 'Elena', 'Felix', 'Greta', 'Hugo'])[1 + g % 8],
      (ARRAY['Ivanova', 'Smith', 'Muller', 'Rossi', 'Garcia', 'Novak'])[1 + g % 6] || (g % 1000),
      (${zones})[1 + g % 10],
      CASE g % 7 WHEN 0 THEN time '09:00' WHEN 1 THEN time '13:00' WHEN 2 THEN CASE WHEN g % 3 = 0 THEN time '21:00' END END,
      CASE g % 7 WHEN 0 THEN time '17:00' WHEN 1 THEN time '18:00' WHEN 2 THEN CASE WHEN g % 3 = 0 THEN time '23:00' END END,
      (CASE WHEN g % 33 = 0 THEN 'unsubscribed' WHEN g % 97 = 0 THEN 'bounced' ELSE 'subscribed' END)::contact_status,
      now(), now()
    FROM generate_series(1, ${count}::int) AS g`);
  await db.execute(sql`
    INSERT INTO suppressions (org_id, channel, address, address_hash, reason, source)
    SELECT org_id, 'email', email, ${addressHashSql(sql`email`)}, 'manual', 'bench'
    FROM contacts WHERE org_id = ${orgId} AND email LIKE ${`${prefix}%`} AND status = 'subscribed' AND id % 101 = 0`);
}

/** A list holding every contact whose e-mail starts with `prefix`. */
export async function listOf(o: BenchOrg, name: string, prefix: string): Promise<string> {
  const list = await createList(o.actor, { name });
  const [{ n }] = await query<{ n: number }>(sql`
    WITH added AS (
      INSERT INTO list_members (list_id, contact_id, org_id, status)
      SELECT ${list.id}, id, org_id, 'subscribed' FROM contacts WHERE org_id = ${o.orgId} AND email LIKE ${`${prefix}%`}
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM added`);
  await db.execute(sql`UPDATE lists SET member_count = ${n} WHERE id = ${list.id}`);
  return list.id;
}

/** A newsletter of about 6 KB: merge tags in subject, preheader and body, six links, an image. */
export async function createNewsletter(o: BenchOrg): Promise<string> {
  const story = (i: number) =>
    `<tr><td style="padding:16px 24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:22px;color:#111827">` +
    `<h2 style="margin:0 0 8px;font-size:18px">Story ${i}: what changed this month</h2>` +
    `<p style="margin:0 0 12px">We shipped faster imports, better segments and a new sending pipeline. Here is what it means for your team, ` +
    `with the numbers behind it and a short guide to get the most out of it.</p>` +
    `<a href="https://example.com/blog/story-${i}?utm_source=newsletter&amp;utm_medium=email" style="color:#2563eb">Read more</a></td></tr>`;
  const html = [
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>Herald News</title></head><body style=\"margin:0;background:#f3f4f6\">",
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">',
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff">',
    '<tr><td style="padding:24px"><img src="https://example.com/logo.png" width="120" height="40" alt="Herald"></td></tr>',
    '<tr><td style="padding:0 24px;font-family:Arial,Helvetica,sans-serif;font-size:16px">Hi {{ contact.first_name | default: "there" }},</td></tr>',
    ...[1, 2, 3, 4].map(story),
    '<tr><td style="padding:24px" align="center"><a href="https://example.com/pricing" style="background:#2563eb;color:#fff;padding:12px 20px;text-decoration:none">See the plans</a></td></tr>',
    '<tr><td style="padding:0 24px 24px;font-size:12px">Not for you? <a href="{{ unsubscribe_url }}">Unsubscribe</a> or <a href="mailto:help@example.com">write to us</a>.</td></tr>',
    "</table></td></tr></table></body></html>",
  ].join("\n");
  const t = await createTemplate(o.actor, {
    channel: "email",
    name: "Bench newsletter",
    subject: '{{ contact.first_name | default: "Hello" }}, your monthly news',
    preheader: "Four stories and one offer for {{ contact.first_name | default: \"you\" }}",
    html,
    text: "",
  });
  return t.id;
}

/** A connection and `count` senders on it, each at the highest rate the form allows. */
export async function createSenders(
  o: BenchOrg,
  connection: { kind: "sendgrid"; apiKey: string } | { kind: "smtp"; host: string; port: number },
  count: number,
): Promise<string[]> {
  const name = `Bench ${connection.kind}`;
  const conn = await createConnection(
    o.actor,
    connection.kind === "sendgrid" ? { kind: "sendgrid", name, apiKey: connection.apiKey } : { kind: "smtp", name, host: connection.host, port: connection.port, tls: "none" },
  );
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const s = await createSender(o.actor, {
      channel: "email",
      connectionId: conn.id,
      fromName: "Herald News",
      fromEmail: `news${i}@${connection.kind}.example.com`,
      ratePerSecond: 1000,
      dailyCap: 10_000_000,
    });
    ids.push(s.id);
  }
  return ids;
}
