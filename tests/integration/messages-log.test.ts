import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, query } from "@/db";
import { campaigns, contacts, messageEvents, messages, type MessageStatus } from "@/db/schema";
import { encodeId } from "@/lib/ids";
import { getMessage } from "@/lib/messages/get-message";
import { listMessages } from "@/lib/messages/list-messages";
import { messagePublicId } from "@/lib/messages/message-view";
import type { Actor } from "@/lib/orgs/actor";
import { createSender } from "@/lib/sending/senders/create-sender";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";
import { createOrgWithOwner } from "../fixtures/factories";

const STATUSES: MessageStatus[] = ["queued", "sent", "failed", "delivered", "opened"];

/**
 * An org with two campaigns, two senders, three contacts and `n` messages inserted directly (the
 * first six from the campaigns, the rest API sends without one, as (campaign, contact) is unique):
 * times step by 7 microseconds, every third message shares its time with its neighbours (the id
 * must break the tie), and they span two UTC days (2026-03-01 and 2026-03-02).
 */
async function seedOrg(n: number) {
  const { org, actor } = await createOrgWithOwner(undefined, { plan: "premium" });
  const s1 = await createSender(actor, { channel: "email", fromName: "News", fromEmail: "news@acme.test", ratePerSecond: 10, dailyCap: 2000 });
  const s2 = await createSender(actor, { channel: "email", fromEmail: "hello@acme.test", ratePerSecond: 10, dailyCap: 2000 });
  const [c1, c2] = await db.insert(campaigns).values([
    { orgId: org.id, name: "Spring sale", channel: "email", status: "sending" },
    { orgId: org.id, name: "Welcome", channel: "email", status: "sent" },
  ]).returning();
  const people = await db
    .insert(contacts)
    .values(["ann@example.test", "bob@example.test", "cy_100%@example.test"].map((email) => ({ orgId: org.id, email })))
    .returning({ id: contacts.id, email: contacts.email });
  await db.execute(sql`
    INSERT INTO messages (org_id, campaign_id, contact_id, channel, sender_id, to_address, status, attempts, created_at)
    SELECT ${org.id},
      CASE WHEN g > 6 THEN NULL WHEN g % 2 = 0 THEN ${c1.id} ELSE ${c2.id} END,
      (ARRAY[${people[0].id}, ${people[1].id}, ${people[2].id}]::bigint[])[g % 3 + 1],
      'email',
      CASE WHEN g % 4 = 0 THEN ${s2.id} ELSE ${s1.id} END,
      (ARRAY[${people[0].email}, ${people[1].email}, ${people[2].email}]::text[])[g % 3 + 1],
      (ARRAY['queued', 'sent', 'failed', 'delivered', 'opened']::message_status[])[g % 5 + 1],
      g % 3,
      timestamptz '2026-03-01 23:59:59.9+00' + ((g / 3) * 7) * interval '1 microsecond' + CASE WHEN g > ${Math.floor(n / 2)} THEN interval '1 second' ELSE interval '0' END
    FROM generate_series(1, ${n}) AS g`);
  return { org, actor, senders: [s1, s2], campaigns: [c1, c2], people };
}

/** What the log must show, by plain SQL: newest first, ties by id. */
async function expected(orgId: string, where = "TRUE") {
  const rows = await query<{ id: number | string }>(sql`SELECT id FROM messages WHERE org_id = ${orgId} AND ${sql.raw(where)} ORDER BY created_at DESC, id DESC`);
  return rows.map((r) => messagePublicId(Number(r.id)));
}

async function walk(actor: Actor, filter: Record<string, string>, limit: number) {
  const pages: string[][] = [];
  const prev: (string | null)[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 500; i++) {
    const page = await listMessages(actor, { ...filter, cursor, limit });
    pages.push(page.items.map((m) => m.id));
    prev.push(page.prevCursor);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { pages, prev };
}

describe("message log", () => {
  it("pages newest first through every message once, forwards and back", async () => {
    const { org, actor } = await seedOrg(61);
    const want = await expected(org.id);
    const { pages, prev } = await walk(actor, {}, 10);
    expect(pages.flat()).toEqual(want);
    expect(pages).toHaveLength(7);
    expect(prev[0]).toBeNull();
    // Each page's "previous" link leads to exactly the page before it.
    for (let i = 1; i < pages.length; i++) {
      const back = await listMessages(actor, { cursor: prev[i]!, limit: 10 });
      expect(back.items.map((m) => m.id)).toEqual(pages[i - 1]);
      if (i === 1) expect(back.prevCursor).toBeNull();
    }
    // A tampered cursor reads as the first page.
    expect((await listMessages(actor, { cursor: "garbage", limit: 10 })).items.map((m) => m.id)).toEqual(pages[0]);
  });

  it("shows campaign, sender and contact of each row", async () => {
    const { actor, campaigns: [c1, c2], senders: [s1], people } = await seedOrg(6);
    const page = await listMessages(actor, {});
    const row = page.items.find((m) => m.sender?.id === s1.id && m.campaign?.id === c1.id)!;
    expect(row).toMatchObject({ campaign: { id: c1.id, name: "Spring sale" }, sender: { id: s1.id, from: "News <news@acme.test>" }, channel: "email" });
    expect(row.id).toMatch(/^msg_[0-9a-z]+$/);
    expect(people.map((p) => encodeId("ct", p.id))).toContain(row.contactId);
    expect(page.items.some((m) => m.campaign?.name === c2.name)).toBe(true);
  });

  it("filters by status, campaign, sender, contact, days and recipient, alone and together", async () => {
    const { org, actor, campaigns: [c1], senders: [, s2], people } = await seedOrg(40);
    const ids = async (filter: Record<string, string>) => (await walk(actor, filter, 7)).pages.flat();

    for (const status of STATUSES) expect(await ids({ status })).toEqual(await expected(org.id, `status = '${status}'`));
    expect(await ids({ campaignId: c1.id })).toEqual(await expected(org.id, `campaign_id = '${c1.id}'`));
    expect(await ids({ senderId: s2.id })).toEqual(await expected(org.id, `sender_id = '${s2.id}'`));
    expect(await ids({ contactId: encodeId("ct", people[1].id) })).toEqual(await expected(org.id, `contact_id = ${people[1].id}`));
    expect(await ids({ from: "2026-03-02" })).toEqual(await expected(org.id, `created_at >= '2026-03-02T00:00:00Z'`));
    expect(await ids({ to: "2026-03-01" })).toEqual(await expected(org.id, `created_at < '2026-03-02T00:00:00Z'`));
    expect(await ids({ from: "2026-03-01", to: "2026-03-02" })).toEqual(await expected(org.id));
    expect(await ids({ from: "2026-03-03" })).toEqual([]);
    expect(await ids({ q: "BOB@" })).toEqual(await expected(org.id, `to_address = 'bob@example.test'`));
    // LIKE wildcards in the search are literal characters.
    expect(await ids({ q: "100%" })).toEqual(await expected(org.id, `to_address = 'cy_100%@example.test'`));
    expect(await ids({ q: "_" })).toEqual(await expected(org.id, `to_address = 'cy_100%@example.test'`));
    expect(await ids({ status: "sent", campaignId: c1.id, q: "ann" })).toEqual(
      await expected(org.id, `status = 'sent' AND campaign_id = '${c1.id}' AND to_address = 'ann@example.test'`),
    );
    // A GET form's empty fields are no filter at all.
    expect(await ids({ status: "", campaignId: "", senderId: "", from: "", to: "", q: "" })).toEqual(await expected(org.id));
  });

  it("refuses filter values it cannot read", async () => {
    const { actor } = await seedOrg(1);
    for (const [field, value] of [
      ["status", "lost"],
      ["campaignId", "lst_aaaaaaaaaaaa"],
      ["senderId", "x"],
      ["from", "2026-13-45"],
      ["to", "yesterday"],
    ] as const) {
      await expectFieldError(listMessages(actor, { [field]: value }), field);
    }
    const e = await expectAppError(listMessages(actor, { from: "2026-03-02", to: "2026-03-01" }), "VALIDATION");
    expect(e.fields).toHaveProperty("to");
  });

  it("shows one message with its event timeline, oldest first", async () => {
    const { org, actor, campaigns: [c1], senders: [s1], people } = await seedOrg(0);
    const [m] = await db
      .insert(messages)
      .values({
        orgId: org.id,
        campaignId: c1.id,
        contactId: people[0].id,
        channel: "email",
        senderId: s1.id,
        toAddress: people[0].email!,
        status: "clicked",
        attempts: 2,
        lastError: "429 Too Many Requests",
        providerMessageId: "sg-abc",
        sentAt: new Date("2026-03-01T10:00:05Z"),
        openedAt: new Date("2026-03-01T10:05:00Z"),
        clickedAt: new Date("2026-03-01T10:06:00Z"),
      })
      .returning();
    const at = (s: string) => new Date(`2026-03-01T${s}Z`);
    await db.insert(messageEvents).values([
      { orgId: org.id, messageId: m.id, kind: "click", data: { link: 0, url: "https://acme.test/sale" }, createdAt: at("10:06:00") },
      { orgId: org.id, messageId: m.id, kind: "queued", createdAt: at("10:00:00") },
      { orgId: org.id, messageId: m.id, kind: "retry", data: { error: "429 Too Many Requests" }, createdAt: at("10:00:01") },
      { orgId: org.id, messageId: m.id, kind: "sent", data: { providerMessageId: "sg-abc" }, createdAt: at("10:00:05") },
      { orgId: org.id, messageId: m.id, kind: "open", createdAt: at("10:05:00") },
    ]);
    const detail = await getMessage(actor, { id: messagePublicId(m.id) });
    expect(detail).toMatchObject({
      id: messagePublicId(m.id),
      status: "clicked",
      toAddress: "ann@example.test",
      contactId: encodeId("ct", people[0].id),
      contactName: "ann@example.test",
      campaign: { id: c1.id, name: "Spring sale" },
      sender: { id: s1.id, from: "News <news@acme.test>" },
      attempts: 2,
      lastError: "429 Too Many Requests",
      providerMessageId: "sg-abc",
      openedAt: at("10:05:00"),
      eventsTruncated: false,
    });
    expect(detail.events.map((e) => e.kind)).toEqual(["queued", "retry", "sent", "open", "click"]);
    expect(detail.events[4]).toEqual({ kind: "click", data: { link: 0, url: "https://acme.test/sale" }, at: at("10:06:00") });
    // Without a recorded `queued` event (intake writes none), the row's creation stands for it.
    await db.delete(messageEvents).where(sql`message_id = ${m.id} AND kind = 'queued'`);
    const again = await getMessage(actor, { id: messagePublicId(m.id) });
    expect(again.events.map((e) => e.kind)).toEqual(["queued", "retry", "sent", "open", "click"]);
    expect(again.events[0]).toEqual({ kind: "queued", data: null, at: m.createdAt });
  });

  it("never shows another org's messages, events or names", async () => {
    const a = await seedOrg(5);
    const b = await seedOrg(3);
    const [aMessage] = await query<{ id: number | string }>(sql`SELECT id FROM messages WHERE org_id = ${a.org.id} LIMIT 1`);
    const aId = messagePublicId(Number(aMessage.id));
    await db.insert(messageEvents).values({ orgId: a.org.id, messageId: Number(aMessage.id), kind: "sent" });

    await expectAppError(getMessage(b.actor, { id: aId }), "NOT_FOUND");
    for (const id of ["msg_", "msg_zzzzzzzzzzzzz", "ct_1", "msg_-1", aId.toUpperCase(), "1"]) await expectAppError(getMessage(b.actor, { id }), "NOT_FOUND");

    const bIds = (await listMessages(b.actor, { limit: 200 })).items.map((m) => m.id);
    expect(bIds).toEqual(await expected(b.org.id));
    expect(bIds).not.toContain(aId);
    // A's campaign, sender or contact named in B's filters matches nothing of A's.
    expect((await listMessages(b.actor, { campaignId: a.campaigns[0].id })).items).toEqual([]);
    expect((await listMessages(b.actor, { senderId: a.senders[0].id })).items).toEqual([]);
    expect((await listMessages(b.actor, { contactId: encodeId("ct", a.people[0].id) })).items).toEqual([]);
    // A message row of B that names A's campaign and sender (never written by Herald, but the
    // joins must not trust it) shows neither name.
    const [odd] = await db
      .insert(messages)
      .values({ orgId: b.org.id, campaignId: a.campaigns[0].id, senderId: a.senders[0].id, channel: "email", toAddress: "odd@example.test" })
      .returning();
    const oddView = await getMessage(b.actor, { id: messagePublicId(odd.id) });
    expect(oddView.campaign).toBeNull();
    expect(oddView.sender).toBeNull();
    // No event of A's shows; the timeline starts at the row's own creation.
    expect(oddView.events).toEqual([{ kind: "queued", data: null, at: odd.createdAt }]);
  });
});
