import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { campaigns, contacts, messageEvents, messages, trackingHits, type MessageStatus } from "@/db/schema";
import { foldAllTrackingHits, foldTrackingHits } from "@/lib/tracking/fold-hits";
import { HitRecorder, hitRecorder } from "@/lib/tracking/hit-recorder";
import { insertHits, type Hit } from "@/lib/tracking/insert-hits";
import { handleLeanRequest } from "@/lib/tracking/http-handler";
import { PIXEL_GIF } from "@/lib/tracking/pixel";
import { trackClick, trackOpen } from "@/lib/tracking/track-hit";
import { userAgentClass } from "@/lib/tracking/user-agent-class";
import { clickToken, openToken, unsubscribeToken } from "@/lib/tracking/tracking-token";
import { GET as clickGET, HEAD as clickHEAD } from "@/app/t/c/[token]/route";
import { GET as openGET, HEAD as openHEAD } from "@/app/t/o/[token]/route";
import { createOrgWithOwner } from "../fixtures/factories";

const tag = () => randomBytes(4).toString("hex");
const LINKS = ["https://example.com/welcome", "https://shop.example.com/sale?utm_source=herald&x=1", "https://例え.テスト/パス"];

async function seed(n = 1, status: MessageStatus = "sent") {
  const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
  const people = await db
    .insert(contacts)
    .values(Array.from({ length: n }, (_, i) => ({ orgId: org.id, email: `hit${i}-${tag()}@example.test` })))
    .returning();
  const [campaign] = await db.insert(campaigns).values({ orgId: org.id, name: `C ${tag()}`, channel: "email", status: "sent", links: LINKS }).returning();
  const msgs = await db
    .insert(messages)
    .values(people.map((c) => ({ orgId: org.id, campaignId: campaign.id, contactId: c.id, channel: "email" as const, toAddress: c.email!, status, sentAt: new Date() })))
    .returning();
  return { org, campaign, msgs };
}

const eventsOf = (id: number) => db.select().from(messageEvents).where(eq(messageEvents.messageId, id)).orderBy(asc(messageEvents.id));
const messageRow = async (id: number) => (await db.select().from(messages).where(eq(messages.id, id)))[0];
const campaignRow = async (id: string) => (await db.select().from(campaigns).where(eq(campaigns.id, id)))[0];

const pendingHitsOf = (id: number) => db.select().from(trackingHits).where(eq(trackingHits.messageId, id));

/** A recorder whose statements are counted. */
function countingRecorder(opts: { fail?: boolean; foldDelayMs?: number } = {}) {
  const calls: number[] = [];
  const recorder = new HitRecorder({
    apply: async (hits: Hit[]) => {
      calls.push(hits.length);
      if (opts.fail) throw new Error("database down");
      return insertHits(hits);
    },
    foldDelayMs: opts.foldDelayMs,
  });
  return { recorder, calls };
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Every token that differs from `token` in exactly one character. */
function everyOneCharChange(token: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < token.length; i++) for (const ch of ALPHABET) if (ch !== token[i]) out.push(token.slice(0, i) + ch + token.slice(i + 1));
  return out;
}

describe("tampered and wrong-kind tokens", () => {
  it("refuses every one-character change of an open and a click token, recording nothing", async () => {
    const { msgs } = await seed();
    const id = msgs[0].id;
    const { recorder, calls } = countingRecorder();
    for (const bad of everyOneCharChange(openToken(id))) expect(await trackOpen(bad, "ua", recorder)).toBe(false);
    for (const bad of everyOneCharChange(clickToken(id, 0))) expect(await trackClick(bad, "ua", recorder)).toBeNull();
    // Truncated, extended, and no token at all.
    for (const bad of [openToken(id).slice(0, -1), `${openToken(id)}A`, "", "x".repeat(500)]) expect(await trackOpen(bad, "ua", recorder)).toBe(false);
    expect(calls).toEqual([]);
    expect(await eventsOf(id)).toEqual([]);
  });

  it("refuses a token of another kind on each path", async () => {
    const { msgs } = await seed();
    const id = msgs[0].id;
    const { recorder, calls } = countingRecorder();
    expect(await trackOpen(clickToken(id, 0), null, recorder)).toBe(false);
    expect(await trackOpen(unsubscribeToken(id), null, recorder)).toBe(false);
    expect(await trackClick(openToken(id), null, recorder)).toBeNull();
    expect(await trackClick(unsubscribeToken(id), null, recorder)).toBeNull();
    expect(calls).toEqual([]);
  });

  it("answers 404 for an intact click token whose message or link does not exist, and records nothing", async () => {
    const { msgs } = await seed();
    const { recorder } = countingRecorder();
    expect(await trackClick(clickToken(msgs[0].id, LINKS.length), null, recorder)).toBeNull();
    expect(await trackClick(clickToken(9_000_000_000_001, 0), null, recorder)).toBeNull();
    await recorder.drain();
    expect(await eventsOf(msgs[0].id)).toEqual([]);
    expect(await pendingHitsOf(msgs[0].id)).toEqual([]);
  });

  it("answers the pixel of a message that is gone (erased since), and the fold drops the hit", async () => {
    const gone = 9_000_000_000_002;
    const { recorder } = countingRecorder();
    expect(await trackOpen(openToken(gone), null, recorder)).toBe(true);
    await recorder.drain();
    expect(await pendingHitsOf(gone)).toEqual([]);
    expect(await eventsOf(gone)).toEqual([]);
  });
});

describe("the lean handler (no Next)", () => {
  let server: Server;
  let base: string;
  const { recorder } = countingRecorder();

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (!handleLeanRequest(req, res, recorder)) res.writeHead(418).end("next would answer");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("serves the pixel, records every open, and counts the message's first open only", async () => {
    const { campaign, msgs } = await seed();
    const id = msgs[0].id;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${base}/t/o/${openToken(id)}`, { headers: { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/gif");
      expect(res.headers.get("cache-control")).toContain("no-store");
      expect(Buffer.from(await res.arrayBuffer()).equals(PIXEL_GIF)).toBe(true);
    }
    await recorder.drain();
    expect((await eventsOf(id)).map((e) => [e.kind, e.data])).toEqual(Array(3).fill(["open", { agent: "mobile" }]));
    expect((await messageRow(id)).status).toBe("opened");
    expect((await campaignRow(campaign.id)).openCount).toBe(1);
  });

  it("HEAD on the pixel checks the token and records nothing", async () => {
    const { msgs } = await seed();
    expect((await fetch(`${base}/t/o/${openToken(msgs[0].id)}`, { method: "HEAD" })).status).toBe(200);
    expect((await fetch(`${base}/t/o/${openToken(msgs[0].id)}x`, { method: "HEAD" })).status).toBe(404);
    expect(await eventsOf(msgs[0].id)).toEqual([]);
  });

  it("redirects a click to the stored link (encoded for the header) and marks the message clicked", async () => {
    const { campaign, msgs } = await seed();
    const id = msgs[0].id;
    for (const [index, expected] of [
      [1, LINKS[1]],
      [2, new URL(LINKS[2]).href],
    ] as const) {
      const res = await fetch(`${base}/t/c/${clickToken(id, index)}?redirect=https://evil.example`, { redirect: "manual" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(expected);
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
    await recorder.drain();
    const m = await messageRow(id);
    expect(m.status).toBe("clicked");
    expect(m.clickedAt).not.toBeNull();
    expect(m.openedAt).not.toBeNull();
    expect(await campaignRow(campaign.id)).toMatchObject({ clickCount: 1, openCount: 1 });
    // A link checker's HEAD learns the target but is no click.
    const head = await fetch(`${base}/t/c/${clickToken(id, 0)}`, { method: "HEAD", redirect: "manual" });
    expect([head.status, head.headers.get("location")]).toEqual([302, LINKS[0]]);
    expect(await eventsOf(id)).toHaveLength(2);
  });

  it("answers 404 and never redirects for a forged click, a link out of range or a wrong kind", async () => {
    const { msgs } = await seed();
    const id = msgs[0].id;
    const good = clickToken(id, 0);
    const forged = `${good.slice(0, -1)}${good.endsWith("A") ? "B" : "A"}`;
    for (const path of [`/t/c/${forged}`, `/t/c/${clickToken(id, 3)}`, `/t/c/${openToken(id)}`, `/t/c/${good}/extra`, `/t/o/${good}`]) {
      const res = await fetch(`${base}${path}`, { redirect: "manual" });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("location")).toBeNull();
    }
    await recorder.drain();
    expect(await eventsOf(id)).toEqual([]);
  });

  it("does not move a bounced message back on a later open", async () => {
    const { msgs } = await seed(1, "bounced");
    expect((await fetch(`${base}/t/o/${openToken(msgs[0].id)}`)).status).toBe(200);
    await recorder.drain();
    expect((await messageRow(msgs[0].id)).status).toBe("bounced");
    expect(await eventsOf(msgs[0].id)).toHaveLength(1);
  });

  it("leaves every other request to Next", async () => {
    for (const [method, path] of [
      ["GET", "/"],
      ["GET", "/t"],
      ["GET", "/u/abc"],
      ["GET", "/api/health"],
      ["POST", "/u/abc/post"],
    ]) {
      expect((await fetch(`${base}${path}`, { method })).status, `${method} ${path}`).toBe(418);
    }
    expect((await fetch(`${base}/t/o/x`, { method: "POST" })).status).toBe(405);
  });
});

describe("group commit", () => {
  it("records 500 concurrent hits, each acknowledged after its commit, in a handful of statements", async () => {
    const { campaign, msgs } = await seed(250);
    const { recorder, calls } = countingRecorder();
    const hits = msgs.flatMap((m, i) => [trackOpen(openToken(m.id), "ua", recorder), trackClick(clickToken(m.id, i % 2), "ua", recorder)]);
    const results = await Promise.all(hits);
    expect(results).toEqual(msgs.flatMap((_, i) => [true, LINKS[i % 2]]));
    expect(calls.reduce((a, b) => a + b, 0)).toBe(500);
    expect(calls.length).toBeLessThanOrEqual(5);
    await recorder.drain();
    const n = await db.select({ id: messageEvents.id }).from(messageEvents).where(inArray(messageEvents.messageId, msgs.map((m) => m.id)));
    expect(n).toHaveLength(500);
    expect(await campaignRow(campaign.id)).toMatchObject({ openCount: 250, clickCount: 250 });
    expect(recorder.stats).toMatchObject({ hits: 500, failedBatches: 0 });
  });

  it("keeps batches flowing while one is being written, and never exceeds the batch size", async () => {
    const { msgs } = await seed(10);
    const recorder = new HitRecorder({ maxBatch: 7, maxInFlight: 1 });
    await Promise.all(Array.from({ length: 60 }, (_, i) => recorder.record({ kind: "open", messageId: msgs[i % 10].id, agent: "unknown" })));
    expect(recorder.stats.largestBatch).toBeLessThanOrEqual(7);
    expect(recorder.stats.batches).toBeGreaterThanOrEqual(9);
    await recorder.drain();
  });

  it("fails every hit of a batch that could not be written, so none is acknowledged unrecorded", async () => {
    const { msgs } = await seed();
    const { recorder } = countingRecorder({ fail: true });
    await expect(trackOpen(openToken(msgs[0].id), null, recorder)).rejects.toThrow("database down");
    expect(recorder.stats.failedBatches).toBe(1);
  });
});

describe("the fold (tracking_hits into the message state machine)", () => {
  it("answers once the hit is committed to tracking_hits; the fold moves the message and empties the queue", async () => {
    const { campaign, msgs } = await seed(2);
    const { recorder } = countingRecorder({ foldDelayMs: 60_000 });
    expect(await trackOpen(openToken(msgs[0].id), "curl/8", recorder)).toBe(true);
    expect(await trackClick(clickToken(msgs[1].id, 1), "curl/8", recorder)).toBe(LINKS[1]);
    // Committed before the answer: on a connection of its own (the test's), the rows are there.
    const waiting = [...(await pendingHitsOf(msgs[0].id)), ...(await pendingHitsOf(msgs[1].id))];
    const folded = [...(await eventsOf(msgs[0].id)), ...(await eventsOf(msgs[1].id))];
    // (A fold from another test file may already have taken them: either way, nothing is lost.)
    expect(waiting.length + folded.length).toBe(2);
    await recorder.drain();
    expect(await pendingHitsOf(msgs[0].id)).toEqual([]);
    expect((await messageRow(msgs[0].id)).status).toBe("opened");
    expect((await messageRow(msgs[1].id)).status).toBe("clicked");
    expect((await eventsOf(msgs[1].id))[0].data).toEqual({ agent: "bot", link: 1, url: LINKS[1] });
    expect(await campaignRow(campaign.id)).toMatchObject({ openCount: 2, clickCount: 1 });
  });

  it("keeps the hits when a fold fails, and the next fold takes them", async () => {
    const { msgs } = await seed();
    let failing = true;
    const recorder = new HitRecorder({
      foldDelayMs: 1,
      fold: async () => {
        if (failing) throw new Error("database down");
        return foldAllTrackingHits();
      },
    });
    const errors = console.error;
    console.error = () => {};
    try {
      expect(await trackOpen(openToken(msgs[0].id), null, recorder)).toBe(true);
      await recorder.drain();
      expect(recorder.stats.failedFolds).toBeGreaterThan(0);
      const seen = (await pendingHitsOf(msgs[0].id)).length + (await eventsOf(msgs[0].id)).length;
      expect(seen).toBe(1);
    } finally {
      console.error = errors;
    }
    failing = false;
    await recorder.drain();
    expect(await pendingHitsOf(msgs[0].id)).toEqual([]);
    expect(await eventsOf(msgs[0].id)).toHaveLength(1);
    expect((await messageRow(msgs[0].id)).status).toBe("opened");
  });

  it("waits for a pause in the hits to fold, but never longer than the lag bound", async () => {
    const { msgs } = await seed();
    let folds = 0;
    const recorder = new HitRecorder({
      foldDelayMs: 5_000,
      maxFoldLagMs: 200,
      fold: async () => {
        folds++;
        return foldAllTrackingHits();
      },
    });
    // A hit every 20 ms never leaves a 5 s pause: only the lag bound starts a fold.
    const until = Date.now() + 700;
    while (Date.now() < until) {
      await recorder.record({ kind: "open", messageId: msgs[0].id, agent: "unknown" });
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(folds).toBeGreaterThanOrEqual(1);
    expect(folds).toBeLessThanOrEqual(4);
    await recorder.drain();
    expect((await messageRow(msgs[0].id)).status).toBe("opened");
  });

  it("folds each hit exactly once when folds race, and keeps the time the hit arrived", async () => {
    const { campaign, msgs } = await seed(40);
    const hits = msgs.flatMap((m) => [
      { kind: "open" as const, messageId: m.id, agent: "unknown" },
      { kind: "open" as const, messageId: m.id, agent: "unknown" },
      { kind: "click" as const, messageId: m.id, linkIndex: 0, agent: "unknown" },
    ]);
    expect((await insertHits(hits)).every((r) => r.applied)).toBe(true);
    const inserted = Date.now();
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([foldTrackingHits(7), foldTrackingHits(11), foldTrackingHits(13), foldAllTrackingHits()]);
    await foldAllTrackingHits();
    const events = await db.select().from(messageEvents).where(inArray(messageEvents.messageId, msgs.map((m) => m.id)));
    expect(events).toHaveLength(120);
    // The event keeps when the hit came in, not when it was folded.
    for (const e of events) expect(e.createdAt.getTime()).toBeLessThanOrEqual(inserted + 5);
    expect(await campaignRow(campaign.id)).toMatchObject({ openCount: 40, clickCount: 40 });
  });
});

describe("the click's link cache", () => {
  it("answers a click whose campaign was cached even when the same batch fills the cache past its size", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const [person] = await db.insert(contacts).values({ orgId: org.id, email: `cache-${tag()}@example.test` }).returning();
    const many = await db
      .insert(campaigns)
      .values(Array.from({ length: 2002 }, (_, i) => ({ orgId: org.id, name: `C${i} ${tag()}`, channel: "email" as const, status: "sent" as const, links: ["https://example.com/ok"] })))
      .returning();
    const msgs = await db
      .insert(messages)
      .values(many.map((c) => ({ orgId: org.id, campaignId: c.id, contactId: person.id, channel: "email" as const, toAddress: person.email!, status: "sent" as const, sentAt: new Date() })))
      .returning();
    const click = (i: number): Hit => ({ kind: "click", messageId: msgs[i].id, linkIndex: 0, agent: "desktop" });
    // Campaign 0 first, then 1,999 others: the cache (2,000) is full with 0 the oldest.
    expect((await insertHits([click(0)]))[0].applied).toBe(true);
    await insertHits(Array.from({ length: 999 }, (_, i) => click(1 + i)));
    await insertHits(Array.from({ length: 1000 }, (_, i) => click(1000 + i)));
    // 0 is read from the cache, then a new campaign is loaded: 0 must still be answered.
    const [cached, fresh] = await insertHits([click(0), click(2000)]);
    expect(cached).toEqual({ applied: true, url: "https://example.com/ok" });
    expect(fresh).toEqual({ applied: true, url: "https://example.com/ok" });
  }, 60_000);
});

describe("route handlers (deployments without server.ts)", () => {
  const ctx = (token: string) => ({ params: Promise.resolve({ token }) });
  const req = (path: string, method = "GET") => new Request(`http://localhost${path}`, { method, headers: { "user-agent": "curl/8.0" } });

  it("GET /t/o records and answers the GIF; a bad token is 404 with nothing recorded", async () => {
    const { msgs } = await seed();
    const t = openToken(msgs[0].id);
    const res = await openGET(req(`/t/o/${t}`), ctx(t));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/gif");
    expect(Buffer.from(await res.arrayBuffer()).equals(PIXEL_GIF)).toBe(true);
    expect((await openGET(req(`/t/o/x${t}`), ctx(`x${t}`))).status).toBe(404);
    expect((await openHEAD(req(`/t/o/${t}`, "HEAD"), ctx(t))).status).toBe(200);
    await hitRecorder().drain();
    expect((await eventsOf(msgs[0].id)).map((e) => e.data)).toEqual([{ agent: "bot" }]);
  });

  it("GET /t/c redirects to the stored link; a bad or out-of-range token is 404", async () => {
    const { msgs } = await seed();
    const t = clickToken(msgs[0].id, 0);
    const res = await clickGET(req(`/t/c/${t}`), ctx(t));
    expect([res.status, res.headers.get("location")]).toEqual([302, LINKS[0]]);
    const far = clickToken(msgs[0].id, 99);
    expect((await clickGET(req(`/t/c/${far}`), ctx(far))).status).toBe(404);
    const wrong = openToken(msgs[0].id);
    expect((await clickGET(req(`/t/c/${wrong}`), ctx(wrong))).status).toBe(404);
    expect((await clickHEAD(req(`/t/c/${t}`, "HEAD"), ctx(t))).status).toBe(302);
    await hitRecorder().drain();
    expect((await eventsOf(msgs[0].id)).map((e) => e.kind)).toEqual(["click"]);
    expect((await messageRow(msgs[0].id)).status).toBe("clicked");
  });
});

describe("what is kept about the opener", () => {
  it.each([
    [null, "unknown"],
    ["Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", "proxy"],
    ["YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", "proxy"],
    ["Mozilla/5.0", "proxy"],
    ["curl/8.5.0", "bot"],
    ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "bot"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", "mobile"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)", "desktop"],
    ["Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)", "desktop"],
    ["something else", "unknown"],
  ])("%s -> %s (a class only: never the IP or the full User-Agent)", (ua, expected) => {
    expect(userAgentClass(ua)).toBe(expected);
  });
});
