import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, asc, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { campaigns, contactEvents, contacts, messageEvents, messages, suppressions, type ContactStatus } from "@/db/schema";
import { addressHash } from "@/lib/audience/suppressions/address-hash";
import { unsubscribeByMessage } from "@/lib/messages/unsubscribe-message";
import { getUnsubscribePage } from "@/lib/tracking/get-unsubscribe-page";
import { handleLeanRequest } from "@/lib/tracking/http-handler";
import { openToken, unsubscribeToken } from "@/lib/tracking/tracking-token";
import { POST as unsubscribePOST } from "@/app/u/[token]/post/route";
import { proxy } from "@/proxy";
import { createOrgWithOwner } from "../fixtures/factories";
import { expectAppError } from "../fixtures/expect-error";

const tag = () => randomBytes(4).toString("hex");

/** One contact (with `status`) who was sent one message of a campaign. */
async function seed(status: ContactStatus = "subscribed") {
  const { org } = await createOrgWithOwner(`Acme ${tag()}`, { plan: "premium" });
  const [contact] = await db.insert(contacts).values({ orgId: org.id, email: `jane-${tag()}@example.test`, status }).returning();
  const [campaign] = await db.insert(campaigns).values({ orgId: org.id, name: "Spring", channel: "email", status: "sent" }).returning();
  const [message] = await db
    .insert(messages)
    .values({ orgId: org.id, campaignId: campaign.id, contactId: contact.id, channel: "email", toAddress: contact.email!, status: "sent", sentAt: new Date() })
    .returning();
  return { org, contact, campaign, message, token: unsubscribeToken(message.id) };
}

type Seeded = Awaited<ReturnType<typeof seed>>;

async function state({ org, contact, campaign, message }: Seeded) {
  const [c] = await db.select().from(contacts).where(eq(contacts.id, contact.id));
  const [m] = await db.select().from(messages).where(eq(messages.id, message.id));
  const [cp] = await db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
  return {
    contact: c?.status ?? null,
    message: m.status,
    unsubscribeCount: cp.unsubscribeCount,
    events: (await db.select().from(messageEvents).where(eq(messageEvents.messageId, message.id))).map((e) => [e.kind, e.data]),
    history: (await db.select().from(contactEvents).where(eq(contactEvents.contactId, contact.id)).orderBy(asc(contactEvents.id))).map((e) => [
      e.kind,
      e.fromStatus,
      e.toStatus,
      e.reason,
    ]),
    suppressions: (
      await db
        .select({ reason: suppressions.reason, source: suppressions.source })
        .from(suppressions)
        .where(and(eq(suppressions.orgId, org.id), eq(suppressions.addressHash, addressHash(message.toAddress))))
    ).map((s) => [s.reason, s.source]),
  };
}

describe("unsubscribeByMessage", () => {
  it("unsubscribes the contact, suppresses the address, records the event and counts it; a repeat changes nothing", async () => {
    const s = await seed();
    expect(await unsubscribeByMessage(s.message.id, "one-click")).toMatchObject({ alreadyUnsubscribed: false, orgName: s.org.name });
    const after = await state(s);
    expect(after).toEqual({
      contact: "unsubscribed",
      message: "unsubscribed",
      unsubscribeCount: 1,
      events: [["unsubscribe", { source: "one-click" }]],
      history: [["unsubscribed", "subscribed", "unsubscribed", "one-click"]],
      suppressions: [["unsubscribed", "one-click"]],
    });
    expect(await unsubscribeByMessage(s.message.id, "unsubscribe-page")).toMatchObject({ alreadyUnsubscribed: true });
    expect(await state(s)).toEqual(after);
  });

  it("two unsubscribes at once count once", async () => {
    const s = await seed();
    const results = await Promise.all([unsubscribeByMessage(s.message.id, "one-click"), unsubscribeByMessage(s.message.id, "one-click")]);
    expect(results.map((r) => r.alreadyUnsubscribed).sort()).toEqual([false, true]);
    expect((await state(s)).unsubscribeCount).toBe(1);
  });

  it("works again after someone put the person back, without counting the message twice", async () => {
    const s = await seed();
    await unsubscribeByMessage(s.message.id, "one-click");
    await db.delete(suppressions).where(eq(suppressions.orgId, s.org.id));
    await db.update(contacts).set({ status: "subscribed" }).where(eq(contacts.id, s.contact.id));
    expect(await unsubscribeByMessage(s.message.id, "unsubscribe-page")).toMatchObject({ alreadyUnsubscribed: false });
    const after = await state(s);
    expect(after).toMatchObject({ contact: "unsubscribed", unsubscribeCount: 1, suppressions: [["unsubscribed", "unsubscribe-page"]] });
    expect(after.events).toHaveLength(2);
  });

  it("keeps a bounced contact bounced (it says more) but still suppresses the address", async () => {
    const s = await seed("bounced");
    await unsubscribeByMessage(s.message.id, "one-click");
    expect(await state(s)).toMatchObject({ contact: "bounced", message: "unsubscribed", history: [], suppressions: [["unsubscribed", "one-click"]] });
  });

  it("still suppresses the address when the contact has been deleted", async () => {
    const s = await seed();
    await db.delete(contacts).where(eq(contacts.id, s.contact.id));
    expect(await unsubscribeByMessage(s.message.id, "one-click")).toMatchObject({ alreadyUnsubscribed: false, contactId: null });
    expect(await state(s)).toMatchObject({ contact: null, message: "unsubscribed", suppressions: [["unsubscribed", "one-click"]] });
  });

  it("is NOT_FOUND for a message that does not exist", async () => {
    await expectAppError(unsubscribeByMessage(9_000_000_000_000, "one-click"), "NOT_FOUND");
  });
});

describe("the unsubscribe page's data", () => {
  it("names the org and a masked address, says when mail has stopped, and links the preference centre", async () => {
    const s = await seed();
    const before = await getUnsubscribePage(s.token);
    expect(before).toMatchObject({ orgName: s.org.name, channel: "email", stopped: false });
    expect(before?.address).toMatch(/^j•••@example\.test$/);
    expect(before?.preferencesUrl).toMatch(/\/p\/[^/]+$/);
    await unsubscribeByMessage(s.message.id, "one-click");
    expect(await getUnsubscribePage(s.token)).toMatchObject({ stopped: true });
  });

  it("is null (a 404 page) for a tampered token, another kind of token, or a message that is gone", async () => {
    const s = await seed();
    expect(await getUnsubscribePage(`${s.token.slice(0, -1)}${s.token.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(await getUnsubscribePage(openToken(s.message.id))).toBeNull();
    expect(await getUnsubscribePage(unsubscribeToken(9_000_000_000_000))).toBeNull();
  });
});

const ONE_CLICK = "List-Unsubscribe=One-Click";

function multipartOneClick() {
  const form = new FormData();
  form.set("List-Unsubscribe", "One-Click");
  return form;
}

describe("POST /u/<token> through the route handler (plain next start, behind proxy.ts)", () => {
  const ctx = (token: string) => ({ params: Promise.resolve({ token }) });

  it("proxy.ts sends POSTs (only) to the route handler", () => {
    const post = proxy(new NextRequest("http://localhost:3000/u/abc", { method: "POST", body: ONE_CLICK }));
    expect(post.headers.get("x-middleware-rewrite")).toBe("http://localhost:3000/u/abc/post");
    const get = proxy(new NextRequest("http://localhost:3000/u/abc"));
    expect(get.headers.get("x-middleware-rewrite")).toBeNull();
    expect(get.headers.get("x-middleware-next")).toBe("1");
  });

  it.each([
    ["form-encoded", () => ({ body: ONE_CLICK, headers: { "content-type": "application/x-www-form-urlencoded" } })],
    ["multipart", () => ({ body: multipartOneClick() })],
  ])("answers a mail client's one-click POST (%s, no cookies) with 200 and unsubscribes", async (_, init) => {
    const s = await seed();
    const res = await unsubscribePOST(new Request(`http://localhost/u/${s.token}/post`, { method: "POST", ...init() }), ctx(s.token));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("unsubscribed");
    expect(await state(s)).toMatchObject({ contact: "unsubscribed", unsubscribeCount: 1, events: [["unsubscribe", { source: "one-click" }]] });
  });

  it("sends the page's own form back to the page, and 404s a forged token without recording anything", async () => {
    const s = await seed();
    const res = await unsubscribePOST(new Request(`http://localhost/u/${s.token}/post?from=page`, { method: "POST", body: new URLSearchParams() }), ctx(s.token));
    expect([res.status, res.headers.get("location")]).toEqual([303, `/u/${s.token}?done=1`]);
    expect((await state(s)).events).toEqual([["unsubscribe", { source: "unsubscribe-page" }]]);

    const other = await seed();
    const forged = `${other.token.slice(0, -2)}${other.token.endsWith("AA") ? "BB" : "AA"}`;
    const bad = await unsubscribePOST(new Request(`http://localhost/u/${forged}/post`, { method: "POST", body: ONE_CLICK }), ctx(forged));
    expect(bad.status).toBe(404);
    expect(await state(other)).toMatchObject({ contact: "subscribed", events: [], suppressions: [] });
  });
});

describe("POST /u/<token> through the lean handler (server.ts)", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (!handleLeanRequest(req, res)) res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("unsubscribes on a cookie-less one-click POST, form-encoded or multipart", async () => {
    for (const init of [{ body: ONE_CLICK, headers: { "content-type": "application/x-www-form-urlencoded" } }, { body: multipartOneClick() }]) {
      const s = await seed();
      const res = await fetch(`${base}/u/${s.token}`, { method: "POST", ...init });
      expect(res.status).toBe(200);
      expect(await state(s)).toMatchObject({ contact: "unsubscribed", message: "unsubscribed", unsubscribeCount: 1 });
    }
  });

  it("redirects the page's form to the page with done=1, and 404s a tampered token", async () => {
    const s = await seed();
    const res = await fetch(`${base}/u/${s.token}?from=page`, { method: "POST", body: new URLSearchParams(), redirect: "manual" });
    expect([res.status, res.headers.get("location")]).toEqual([303, `/u/${s.token}?done=1`]);
    const other = await seed();
    const bad = await fetch(`${base}/u/${other.token}x`, { method: "POST", body: ONE_CLICK });
    expect(bad.status).toBe(404);
    expect(await state(other)).toMatchObject({ contact: "subscribed", events: [] });
  });

  it("refuses a huge body without unsubscribing", async () => {
    const s = await seed();
    const res = await fetch(`${base}/u/${s.token}`, { method: "POST", body: "x".repeat(200 * 1024) }).catch(() => null);
    if (res) expect(res.status).toBe(413);
    expect((await state(s)).contact).toBe("subscribed");
  });
});
