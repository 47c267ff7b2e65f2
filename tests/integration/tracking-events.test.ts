import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, dbKind, query } from "@/db";
import { campaigns, contactEvents, contacts, messageEvents, messages, suppressions, type MessageStatus } from "@/db/schema";
import { addressHash } from "@/lib/audience/suppressions/address-hash";
import { applyMessageEvents, type MessageEventInput } from "@/lib/messages/apply-events";
import { createOrgWithOwner } from "../fixtures/factories";

const tag = () => randomBytes(4).toString("hex");
const LINKS = ["https://example.com/a", "https://example.com/b?x=1&y=2"];

/** An org with a sent campaign to `n` contacts: one message each, status `status`. */
async function seed(n = 2, status: MessageStatus = "sent", channel: "email" | "sms" = "email") {
  const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
  const people = await db
    .insert(contacts)
    .values(Array.from({ length: n }, (_, i) => ({ orgId: org.id, email: `ev${i}-${tag()}@example.test`, phone: `+4420794${String(i).padStart(5, "0")}` })))
    .returning();
  const [campaign] = await db.insert(campaigns).values({ orgId: org.id, name: `C ${tag()}`, channel, status: "sent", links: LINKS }).returning();
  const msgs = await db
    .insert(messages)
    .values(people.map((c) => ({ orgId: org.id, campaignId: campaign.id, contactId: c.id, channel, toAddress: channel === "email" ? c.email! : c.phone!, status, sentAt: new Date() })))
    .returning();
  return { org, people, campaign, msgs };
}

const messageRow = async (id: number) => (await db.select().from(messages).where(eq(messages.id, id)))[0];
const campaignRow = async (id: string) => (await db.select().from(campaigns).where(eq(campaigns.id, id)))[0];
const eventsOf = (id: number) => db.select().from(messageEvents).where(eq(messageEvents.messageId, id)).orderBy(asc(messageEvents.id));
const counts = async (id: string) => {
  const c = await campaignRow(id);
  return { opens: c.openCount, clicks: c.clickCount, unsubscribes: c.unsubscribeCount };
};

describe("applyMessageEvents: opens and clicks", () => {
  it("records every open but counts the message once, and keeps the first open's time", async () => {
    const { campaign, msgs } = await seed(1);
    const id = msgs[0].id;
    const first = new Date("2026-03-01T10:00:00Z");
    expect(await applyMessageEvents([{ messageId: id, kind: "open", at: first, data: { agent: "desktop" } }])).toEqual([{ applied: true, url: null }]);
    await applyMessageEvents([{ messageId: id, kind: "open" }]);
    await applyMessageEvents([{ messageId: id, kind: "open" }, { messageId: id, kind: "open" }]);
    const m = await messageRow(id);
    expect(m.status).toBe("opened");
    expect(m.openedAt?.toISOString()).toBe(first.toISOString());
    expect((await eventsOf(id)).map((e) => e.kind)).toEqual(["open", "open", "open", "open"]);
    expect((await eventsOf(id))[0]).toMatchObject({ data: { agent: "desktop" }, createdAt: first });
    expect(await counts(campaign.id)).toEqual({ opens: 1, clicks: 0, unsubscribes: 0 });
  });

  it("a click returns the stored link, marks the message clicked and opened, and counts both once", async () => {
    const { campaign, msgs } = await seed(1);
    const id = msgs[0].id;
    const r = await applyMessageEvents([{ messageId: id, kind: "click", data: { link: 1 } }]);
    expect(r).toEqual([{ applied: true, url: LINKS[1] }]);
    await applyMessageEvents([{ messageId: id, kind: "click", data: { link: 0 } }]);
    const m = await messageRow(id);
    expect(m.status).toBe("clicked");
    expect(m.clickedAt).not.toBeNull();
    expect(m.openedAt?.getTime()).toBe(m.clickedAt?.getTime());
    expect((await eventsOf(id)).map((e) => e.data)).toEqual([
      { link: 1, url: LINKS[1] },
      { link: 0, url: LINKS[0] },
    ]);
    expect(await counts(campaign.id)).toEqual({ opens: 1, clicks: 1, unsubscribes: 0 });
    // A later open neither moves the message back nor counts again.
    await applyMessageEvents([{ messageId: id, kind: "open" }, { messageId: id, kind: "delivered" }]);
    expect((await messageRow(id)).status).toBe("clicked");
    expect(await counts(campaign.id)).toEqual({ opens: 1, clicks: 1, unsubscribes: 0 });
  });

  it.each([
    ["past the end", 2],
    ["far past the end", 2 ** 31 - 1],
    ["negative (jsonb would count from the end)", -1],
    ["not an integer", 0.5],
    ["not a number", "0"],
  ])("drops a click on a link the campaign does not have: %s", async (_, link) => {
    const { campaign, msgs } = await seed(1);
    const r = await applyMessageEvents([{ messageId: msgs[0].id, kind: "click", data: { link } }]);
    expect(r).toEqual([{ applied: false, url: null }]);
    expect(await eventsOf(msgs[0].id)).toEqual([]);
    expect((await messageRow(msgs[0].id)).status).toBe("sent");
    expect(await counts(campaign.id)).toEqual({ opens: 0, clicks: 0, unsubscribes: 0 });
  });

  it("drops events for messages that do not exist or belong to another org, and applies the rest", async () => {
    const { msgs } = await seed(1);
    const other = await seed(1);
    const r = await applyMessageEvents([
      { messageId: 9_000_000_000_000, kind: "open" },
      { messageId: msgs[0].id, kind: "open", orgId: other.org.id },
      { messageId: msgs[0].id, kind: "open", orgId: msgs[0].orgId },
    ]);
    expect(r.map((x) => x.applied)).toEqual([false, false, true]);
    expect(await eventsOf(msgs[0].id)).toHaveLength(1);
  });

  it("moves up sent < delivered < opened < clicked and never down", async () => {
    const { msgs } = await seed(1);
    const id = msgs[0].id;
    const steps: [MessageEventInput["kind"], MessageStatus][] = [
      ["delivered", "delivered"],
      ["click", "clicked"],
      ["open", "clicked"],
      ["delivered", "clicked"],
    ];
    for (const [kind, status] of steps) {
      await applyMessageEvents([{ messageId: id, kind, data: kind === "click" ? { link: 0 } : undefined }]);
      expect((await messageRow(id)).status).toBe(status);
    }
    expect((await messageRow(id)).deliveredAt).not.toBeNull();
  });

  it("leaves messages dispatch still owns (queued, sending) or never sent at their status", async () => {
    for (const status of ["queued", "sending", "failed", "cancelled"] as const) {
      const { msgs } = await seed(1, status);
      await applyMessageEvents([{ messageId: msgs[0].id, kind: "open" }]);
      expect((await messageRow(msgs[0].id)).status).toBe(status);
      expect(await eventsOf(msgs[0].id)).toHaveLength(1);
    }
  });
});

describe("applyMessageEvents: bounces, complaints, unsubscribes", () => {
  it("a bounce is terminal: later opens, clicks and deliveries never move the message back", async () => {
    const { org, people, campaign, msgs } = await seed(1);
    const id = msgs[0].id;
    await applyMessageEvents([{ messageId: id, kind: "bounce", data: { source: "sendgrid", reason: "550 mailbox unknown" } }]);
    for (const kind of ["delivered", "open", "click"] as const) {
      await applyMessageEvents([{ messageId: id, kind, data: kind === "click" ? { link: 0 } : undefined }]);
      expect((await messageRow(id)).status).toBe("bounced");
    }
    expect((await eventsOf(id)).map((e) => e.kind)).toEqual(["bounce", "delivered", "open", "click"]);
    // The address is suppressed as a hard bounce and the contact says why, once.
    const [s] = await db.select().from(suppressions).where(eq(suppressions.orgId, org.id));
    expect(s).toMatchObject({ channel: "email", address: people[0].email, addressHash: addressHash(people[0].email!), reason: "hard_bounce", source: "sendgrid" });
    expect((await db.select().from(contacts).where(eq(contacts.id, people[0].id)))[0]).toMatchObject({ status: "bounced", statusReason: "sendgrid" });
    const history = await db.select().from(contactEvents).where(eq(contactEvents.contactId, people[0].id));
    expect(history).toMatchObject([{ kind: "bounced", fromStatus: "subscribed", toStatus: "bounced", reason: "sendgrid" }]);
    // Facts are still facts: the open after the bounce counts as the message's first open.
    expect(await counts(campaign.id)).toEqual({ opens: 1, clicks: 1, unsubscribes: 0 });
  });

  it("the strongest event of a batch wins, and a complaint later still moves the contact on", async () => {
    const { org, people, msgs } = await seed(1);
    const id = msgs[0].id;
    await applyMessageEvents([
      { messageId: id, kind: "open" },
      { messageId: id, kind: "unsubscribe", data: { source: "one-click" } },
      { messageId: id, kind: "bounce" },
    ]);
    expect((await messageRow(id)).status).toBe("bounced");
    await applyMessageEvents([{ messageId: id, kind: "complaint" }]);
    // The message's first terminal status stays; the contact moves to the stronger one.
    expect((await messageRow(id)).status).toBe("bounced");
    expect((await db.select().from(contacts).where(eq(contacts.id, people[0].id)))[0].status).toBe("complained");
    const history = await db.select().from(contactEvents).where(eq(contactEvents.contactId, people[0].id)).orderBy(asc(contactEvents.id));
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      ["subscribed", "bounced"],
      ["bounced", "complained"],
    ]);
    // The first suppression of the address stays.
    expect(await db.select({ reason: suppressions.reason }).from(suppressions).where(eq(suppressions.orgId, org.id))).toEqual([{ reason: "hard_bounce" }]);
  });

  it("an SMS bounce suppresses the number but leaves the contact's status (their e-mail may be fine)", async () => {
    const { org, people, msgs } = await seed(1, "sent", "sms");
    await applyMessageEvents([{ messageId: msgs[0].id, kind: "bounce" }]);
    expect((await messageRow(msgs[0].id)).status).toBe("bounced");
    expect(await db.select({ channel: suppressions.channel, address: suppressions.address }).from(suppressions).where(eq(suppressions.orgId, org.id))).toEqual([
      { channel: "sms", address: people[0].phone },
    ]);
    expect((await db.select().from(contacts).where(eq(contacts.id, people[0].id)))[0].status).toBe("subscribed");
  });

  it("counts an unsubscribe once per message, however often it is sent", async () => {
    const { campaign, msgs } = await seed(2);
    await applyMessageEvents([
      { messageId: msgs[0].id, kind: "unsubscribe" },
      { messageId: msgs[0].id, kind: "unsubscribe" },
    ]);
    await applyMessageEvents([{ messageId: msgs[0].id, kind: "unsubscribe" }, { messageId: msgs[1].id, kind: "unsubscribe" }]);
    expect(await counts(campaign.id)).toEqual({ opens: 0, clicks: 0, unsubscribes: 2 });
    expect((await messageRow(msgs[0].id)).status).toBe("unsubscribed");
  });

  it.skipIf(dbKind() !== "postgres")("counts an unsubscribe once when a second one arrives while the first is being written", async () => {
    const { campaign, msgs } = await seed(1);
    const id = msgs[0].id;
    let second: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      await applyMessageEvents([{ messageId: id, kind: "unsubscribe", data: { source: "one-click" } }], tx);
      // The second starts before the first commits (its snapshot has no unsubscribe yet) and
      // waits for the message's lock.
      second = applyMessageEvents([{ messageId: id, kind: "unsubscribe", data: { source: "webhook" } }]);
      for (let i = 0; i < 100; i++) {
        const [w] = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
        if (w.n > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    await second;
    expect(await counts(campaign.id)).toEqual({ opens: 0, clicks: 0, unsubscribes: 1 });
    expect((await messageRow(id)).status).toBe("unsubscribed");
    expect((await eventsOf(id)).map((e) => e.kind)).toEqual(["unsubscribe", "unsubscribe"]);
  });
});

describe("applyMessageEvents: batches", () => {
  it("applies thousands of mixed events in one call with exact counters", async () => {
    const { campaign, msgs } = await seed(1000);
    const events: MessageEventInput[] = [];
    msgs.forEach((m, i) => {
      events.push({ messageId: m.id, kind: "delivered" });
      if (i % 2 === 0) events.push({ messageId: m.id, kind: "open" }, { messageId: m.id, kind: "open" });
      if (i % 5 === 0) events.push({ messageId: m.id, kind: "click", data: { link: i % 2 } });
      if (i % 100 === 99) events.push({ messageId: m.id, kind: "bounce" });
    });
    const r = await applyMessageEvents(events);
    expect(r.every((x) => x.applied)).toBe(true);
    // Opened: the even ones plus the clicked (every fifth, half of them odd).
    const opened = msgs.filter((_, i) => i % 2 === 0 || i % 5 === 0).length;
    expect(await counts(campaign.id)).toEqual({ opens: opened, clicks: 200, unsubscribes: 0 });
    const rows = await db.select({ status: messages.status }).from(messages).where(eq(messages.campaignId, campaign.id));
    const by = rows.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x.status]: (acc[x.status] ?? 0) + 1 }), {});
    const expected = msgs.reduce<Record<string, number>>((acc, _, i) => {
      const status = i % 100 === 99 ? "bounced" : i % 5 === 0 ? "clicked" : i % 2 === 0 ? "opened" : "delivered";
      return { ...acc, [status]: (acc[status] ?? 0) + 1 };
    }, {});
    expect(by).toEqual(expected);
    const n = await db.select({ id: messageEvents.id }).from(messageEvents).where(inArray(messageEvents.messageId, msgs.map((m) => m.id)));
    expect(n).toHaveLength(events.length);
  });

  it.skipIf(dbKind() !== "postgres")("counts each first open once when batches race on the same messages", async () => {
    const { campaign, msgs } = await seed(200);
    const batch = () => msgs.map((m) => ({ messageId: m.id, kind: "open" as const }));
    await Promise.all(Array.from({ length: 6 }, () => applyMessageEvents(batch())));
    expect(await counts(campaign.id)).toEqual({ opens: 200, clicks: 0, unsubscribes: 0 });
    const opened = await db.select({ id: messages.id }).from(messages).where(and(eq(messages.campaignId, campaign.id), eq(messages.status, "opened")));
    expect(opened).toHaveLength(200);
  });
});
