import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { contactEvents, contacts, messageEvents, providerConnections, suppressions } from "@/db/schema";
import { getRunner } from "@/inngest/runner";
import { POST as sendgridWebhook } from "@/app/api/webhooks/sendgrid/[connection]/route";
import { appUrl, resetEnvCache } from "@/lib/env";
import { encodeId } from "@/lib/ids";
import { createConnection } from "@/lib/sending/connections/create-connection";
import { updateConnection } from "@/lib/sending/connections/update-connection";
import { kickDispatch } from "@/lib/sending/dispatch/kick-dispatch";
import { closeProviders } from "@/lib/sending/providers/provider-for-connection";
import { clickUrl } from "@/lib/tracking/tracking-token";
import { startSendgridFake, type Delivered, type SendgridFake } from "@/tests/fakes/sendgrid";
import { eventFor, sendgridEventSigner, type SendgridEventSigner } from "@/tests/fakes/sendgrid-events";
import { expectFieldError } from "@/tests/fixtures/expect-error";
import { createOrgWithOwner } from "@/tests/fixtures/factories";
import { campaignRow, createConnectionRow, eventKinds, messageRows, seedQueuedCampaign } from "@/tests/fixtures/messages";

const KEY = "SG.webhook-test-key";
let fake: SendgridFake;
let signer: SendgridEventSigner;

beforeAll(async () => {
  fake = await startSendgridFake({ apiKey: KEY });
  signer = sendgridEventSigner();
  process.env.SENDGRID_API_URL = fake.url;
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.SENDGRID_API_URL;
  resetEnvCache();
  await closeProviders();
  await fake.close();
});
beforeEach(() => fake.reset());

/** An org with `count` campaign messages sent through the SendGrid fake, its connection holding the signer's key. */
async function sentCampaign(count: number, opts: { webhookKey?: string | null } = {}) {
  const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
  const seeded = await seedQueuedCampaign({ orgId: org.id, count, connection: { kind: "sendgrid", apiKey: KEY } });
  const connectionId = seeded.sender.connectionId;
  const webhookKey = opts.webhookKey === undefined ? signer.verificationKey : opts.webhookKey;
  if (webhookKey !== null) await db.update(providerConnections).set({ config: { webhookKey } }).where(eq(providerConnections.id, connectionId));
  await kickDispatch([seeded.sender.id]);
  await getRunner().idle();
  expect((await messageRows(seeded.messageIds)).every((r) => r.status === "sent")).toBe(true);
  // What SendGrid accepted, in message order: the events below are about these.
  const byId = new Map(fake.delivered().map((d) => [d.customArgs.herald_message_id, d]));
  const delivered: Delivered[] = seeded.messageIds.map((id) => byId.get(encodeId("msg", id))!);
  return { org, seeded, connectionId, delivered };
}

async function post(connectionId: string, signed: { body: string; headers: Record<string, string> }) {
  const req = new Request(`http://localhost/api/webhooks/sendgrid/${connectionId}`, { method: "POST", headers: signed.headers, body: signed.body });
  const res = await sendgridWebhook(req, { params: Promise.resolve({ connection: connectionId }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const eventsOf = (messageId: number) => db.select().from(messageEvents).where(eq(messageEvents.messageId, messageId)).orderBy(asc(messageEvents.id));
const contactRow = async (id: number) => (await db.select().from(contacts).where(eq(contacts.id, id)))[0];
// By address: one statement writes a batch's suppressions, in no particular order.
const suppressionsOf = (orgId: string) =>
  db.select({ address: suppressions.address, channel: suppressions.channel, reason: suppressions.reason, source: suppressions.source }).from(suppressions).where(eq(suppressions.orgId, orgId)).orderBy(asc(suppressions.address));

describe("SendGrid Event Webhook: the state machine", () => {
  it("moves messages on delivered, open, click, bounce, spamreport and unsubscribe, and suppresses where it should", async () => {
    const { org, seeded, connectionId, delivered } = await sentCampaign(7);
    const [m0, m1, m2, m3, , , m6] = seeded.messageIds;
    const at = Math.floor(Date.parse("2026-11-30T12:00:00Z") / 1000);
    const links = seeded.campaign.links;
    const batch = [
      eventFor(delivered[0], "processed"),
      eventFor(delivered[0], "deferred", { response: "400 try again later", attempt: "1" }),
      eventFor(delivered[0], "delivered", { timestamp: at, response: "250 OK" }),
      eventFor(delivered[1], "delivered"),
      eventFor(delivered[1], "open", { useragent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)", sg_machine_open: false }),
      eventFor(delivered[2], "click", { url: links[1] }),
      // SendGrid's click tracking wrapped Herald's own tracked link: Herald records that one itself.
      eventFor(delivered[2], "click", { url: clickUrl(appUrl(), m2, 0) }),
      eventFor(delivered[3], "bounce", { type: "bounce", status: "5.1.1", reason: "550 5.1.1 The email account does not exist", bounce_classification: "Invalid Address" }),
      eventFor(delivered[4], "spamreport"),
      eventFor(delivered[5], "unsubscribe"),
      // A block is the receiving server refusing the sender, not the address: on the timeline only.
      eventFor(delivered[6], "bounce", { type: "blocked", status: "5.7.1", reason: "blocked by policy" }),
    ];
    const res = await post(connectionId, signer.sign(batch));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, events: 11, applied: 8, skipped: { not_tracked: 2, not_ours: 0, malformed: 0, tracked_by_herald: 1, unmatched: 0 } });

    const rows = await messageRows(seeded.messageIds);
    expect(rows.map((r) => r.status)).toEqual(["delivered", "opened", "clicked", "bounced", "complained", "unsubscribed", "sent"]);
    const first = await eventsOf(m0);
    expect(first.map((e) => e.kind)).toEqual(["sent", "delivered"]);
    expect(first[1]).toMatchObject({ createdAt: new Date(at * 1000), providerEventId: batch[2].sg_event_id, data: { source: "sendgrid" } });
    expect((await eventsOf(m1)).at(-1)).toMatchObject({ kind: "open", data: { source: "sendgrid", agent: "mobile" } });
    // The click matched the campaign's link index, like a click through Herald's own tracking.
    expect((await eventsOf(m2)).slice(1)).toMatchObject([{ kind: "click", data: { source: "sendgrid", link: 1, url: links[1] } }]);
    expect((await eventsOf(m3)).at(-1)).toMatchObject({ kind: "bounce", data: { source: "sendgrid", status: "5.1.1", classification: "Invalid Address" } });
    expect(await eventKinds(m6)).toEqual(["sent", "soft_bounce"]);
    expect((await eventsOf(m6)).at(-1)).toMatchObject({ data: { source: "sendgrid", status: "5.7.1", reason: "blocked by policy" } });

    // Bounce, complaint and unsubscribe each suppress their address and move their contact.
    expect(await suppressionsOf(org.id)).toEqual([
      { address: seeded.addresses[3], channel: "email", reason: "hard_bounce", source: "sendgrid" },
      { address: seeded.addresses[4], channel: "email", reason: "complaint", source: "sendgrid" },
      { address: seeded.addresses[5], channel: "email", reason: "unsubscribed", source: "sendgrid" },
    ]);
    const statuses = await Promise.all(seeded.contactIds.map(async (id) => (await contactRow(id)).status));
    expect(statuses).toEqual(["subscribed", "subscribed", "subscribed", "bounced", "complained", "unsubscribed", "subscribed"]);
    expect(await campaignRow(seeded.campaign.id)).toMatchObject({ openCount: 2, clickCount: 1, unsubscribeCount: 1 });
  });

  it("maps drops SendGrid makes for the recipient's sake, and only notes the ones about the sender", async () => {
    const { org, seeded, connectionId, delivered } = await sentCampaign(4);
    const res = await post(
      connectionId,
      signer.sign([
        eventFor(delivered[0], "dropped", { reason: "Bounced Address" }),
        eventFor(delivered[1], "dropped", { reason: "Unsubscribed Address" }),
        eventFor(delivered[2], "dropped", { reason: "Spam Reporting Address" }),
        eventFor(delivered[3], "dropped", { reason: "Recipient List over Package Quota" }),
        eventFor(delivered[3], "group_resubscribe", { asm_group_id: 1 }),
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: 4, skipped: { not_tracked: 1 } });
    expect((await messageRows(seeded.messageIds)).map((r) => r.status)).toEqual(["bounced", "unsubscribed", "complained", "sent"]);
    expect((await suppressionsOf(org.id)).map((s) => s.reason)).toEqual(["hard_bounce", "unsubscribed", "complaint"]);
    expect((await eventsOf(seeded.messageIds[0])).at(-1)?.data).toMatchObject({ dropped: true, reason: "Bounced Address" });
    // A drop about the sender: the timeline says why it never arrived; the address stays mailable.
    expect((await eventsOf(seeded.messageIds[3])).at(-1)).toMatchObject({ kind: "dropped", data: { reason: "Recipient List over Package Quota" } });
  });

  it("a redelivered batch adds no second event and counts nothing twice", async () => {
    const { seeded, connectionId, delivered } = await sentCampaign(2);
    const [a, b] = seeded.messageIds;
    const batch = [
      eventFor(delivered[0], "delivered"),
      eventFor(delivered[0], "open", { useragent: "Mozilla/5.0 (Macintosh)" }),
      eventFor(delivered[0], "click", { url: seeded.campaign.links[0] }),
      eventFor(delivered[1], "unsubscribe"),
      eventFor(delivered[1], "group_unsubscribe", { asm_group_id: 42 }),
    ];
    const first = await post(connectionId, signer.sign(batch));
    expect(first.body).toMatchObject({ applied: 5, skipped: { unmatched: 0 } });
    const after = { a: await eventKinds(a), b: await eventKinds(b), campaign: await campaignRow(seeded.campaign.id) };
    expect(after.a).toEqual(["sent", "delivered", "open", "click"]);
    expect(after.b).toEqual(["sent", "unsubscribe", "unsubscribe"]);
    expect(after.campaign).toMatchObject({ openCount: 1, clickCount: 1, unsubscribeCount: 1 });
    const history = await db.select().from(contactEvents).where(inArray(contactEvents.contactId, seeded.contactIds));

    // SendGrid retries the same batch (a timeout on its side): a new signature, the same events.
    const again = await post(connectionId, signer.sign(batch));
    expect(again).toMatchObject({ status: 200, body: { applied: 0, skipped: { unmatched: 5 } } });
    // ...and once more within one batch: the copies collapse to one.
    const fresh = eventFor(delivered[0], "open");
    expect((await post(connectionId, signer.sign([fresh, fresh]))).body).toMatchObject({ events: 2 });

    expect(await eventKinds(a)).toEqual(["sent", "delivered", "open", "click", "open"]);
    expect(await eventKinds(b)).toEqual(after.b);
    expect(await campaignRow(seeded.campaign.id)).toMatchObject({ openCount: 1, clickCount: 1, unsubscribeCount: 1 });
    expect(await db.select().from(contactEvents).where(inArray(contactEvents.contactId, seeded.contactIds))).toHaveLength(history.length);
  });
});

describe("SendGrid Event Webhook: who may post", () => {
  it("refuses a bad, missing or foreign signature (401) and records nothing", async () => {
    const { seeded, connectionId, delivered } = await sentCampaign(1);
    const batch = [eventFor(delivered[0], "bounce", { type: "bounce", reason: "550" })];
    const good = signer.sign(batch);
    const other = sendgridEventSigner();
    const cases = [
      { name: "signed with another key", signed: other.sign(batch) },
      { name: "body changed after signing", signed: { ...good, body: good.body.replace('"bounce"', '"delivered"') } },
      { name: "timestamp changed after signing", signed: { ...good, headers: { ...good.headers, "x-twilio-email-event-webhook-timestamp": String(Number(good.headers["x-twilio-email-event-webhook-timestamp"]) - 1) } } },
      { name: "no signature", signed: { ...good, headers: { "content-type": "application/json", "x-twilio-email-event-webhook-timestamp": good.headers["x-twilio-email-event-webhook-timestamp"] } } },
      { name: "garbage signature", signed: { ...good, headers: { ...good.headers, "x-twilio-email-event-webhook-signature": "bm90IGEgc2lnbmF0dXJl" } } },
    ];
    for (const c of cases) {
      const res = await post(connectionId, c.signed);
      expect([c.name, res.status, (res.body.error as { code: string }).code]).toEqual([c.name, 401, "UNAUTHENTICATED"]);
    }
    expect(await eventKinds(seeded.messageIds[0])).toEqual(["sent"]);
    expect((await messageRows(seeded.messageIds))[0].status).toBe("sent");
  });

  it("refuses a stale or future timestamp, even correctly signed (a replay)", async () => {
    const { seeded, connectionId, delivered } = await sentCampaign(1);
    const batch = [eventFor(delivered[0], "delivered")];
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 11 * 60, now + 11 * 60]) {
      const res = await post(connectionId, signer.sign(batch, { timestamp }));
      expect(res.status).toBe(401);
    }
    expect(await eventKinds(seeded.messageIds[0])).toEqual(["sent"]);
    // Within the window it is taken.
    expect((await post(connectionId, signer.sign(batch, { timestamp: now - 9 * 60 }))).status).toBe(200);
    expect(await eventKinds(seeded.messageIds[0])).toEqual(["sent", "delivered"]);
  });

  it("ignores events for another org's messages, unknown ids and mail that is not Herald's", async () => {
    const a = await sentCampaign(1);
    const b = await sentCampaign(1);
    // A validly signed batch for A's connection that names B's message: B is another tenant.
    const res = await post(
      a.connectionId,
      signer.sign([
        eventFor(b.delivered[0], "spamreport"),
        eventFor(a.delivered[0], "delivered", { herald_message_id: encodeId("msg", 9_000_000_000) }),
        eventFor(a.delivered[0], "delivered", { herald_message_id: undefined }),
        { event: "delivered", email: "someone@example.org", timestamp: 1, sg_event_id: "x" },
        "not an event",
        eventFor(a.delivered[0], "delivered"),
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ events: 6, applied: 1, skipped: { unmatched: 2, not_ours: 2, malformed: 1 } });
    expect(await eventKinds(b.seeded.messageIds[0])).toEqual(["sent"]);
    expect((await messageRows(b.seeded.messageIds))[0].status).toBe("sent");
    expect(await suppressionsOf(b.org.id)).toEqual([]);
    expect((await contactRow(b.seeded.contactIds[0])).status).toBe("subscribed");
    expect((await messageRows(a.seeded.messageIds))[0].status).toBe("delivered");
  });

  it("answers 404 for an unknown connection or one of another kind, 401 without a key, 400 for a non-array, 413 past 5 MB", async () => {
    const { org, connectionId, delivered } = await sentCampaign(1);
    const signed = signer.sign([eventFor(delivered[0], "delivered")]);
    expect((await post("pvd_doesnotexist00000000", signed)).status).toBe(404);
    expect((await post("../../etc", signed)).status).toBe(404);
    const sms = await createConnectionRow(org.id, { kind: "http_sms", url: "https://sms.example.com/send", token: "t" });
    expect((await post(sms.id, signed)).status).toBe(404);

    const keyless = await sentCampaign(1, { webhookKey: null });
    const refused = await post(keyless.connectionId, signer.sign([eventFor(keyless.delivered[0], "delivered")]));
    expect(refused.status).toBe(401);
    expect((refused.body.error as { message: string }).message).toMatch(/verification key/);

    for (const body of ['{"event":"delivered"}', "not json", "null"]) {
      const res = await post(connectionId, signer.sign(body));
      expect([body, res.status]).toEqual([body, 400]);
    }
    const huge = signer.sign(JSON.stringify([{ event: "processed", pad: "x".repeat(5 * 1024 * 1024) }]));
    expect((await post(connectionId, huge)).status).toBe(413);
    expect((await post(connectionId, signer.sign([]))).body).toMatchObject({ events: 0, applied: 0 });
  });
});

describe("the connection's verification key", () => {
  it("is optional, validated as a P-256 public key, stored in config, and accepted as PEM", async () => {
    const { actor } = await createOrgWithOwner(undefined, { plan: "premium" });
    const made = await createConnection(actor, { kind: "sendgrid", name: "SG", apiKey: "SG.abc" });
    expect(made.config).toEqual({});
    await expectFieldError(updateConnection(actor, { id: made.id, name: "SG", webhookKey: "not-a-key" }), "webhookKey");
    const rsaLike = Buffer.alloc(91, 1).toString("base64");
    await expectFieldError(updateConnection(actor, { id: made.id, name: "SG", webhookKey: rsaLike }), "webhookKey");
    const pem = `-----BEGIN PUBLIC KEY-----\n${signer.verificationKey.slice(0, 64)}\n${signer.verificationKey.slice(64)}\n-----END PUBLIC KEY-----\n`;
    // A tested connection stays tested: the key checks what SendGrid sends, not how Herald sends.
    await db.update(providerConnections).set({ status: "ok" }).where(eq(providerConnections.id, made.id));
    const saved = await updateConnection(actor, { id: made.id, name: "SG", webhookKey: pem });
    expect(saved.config).toEqual({ webhookKey: signer.verificationKey });
    expect(saved.status).toBe("ok");
    expect(saved.secretsSet).toEqual(["apiKey"]);
    const cleared = await updateConnection(actor, { id: made.id, name: "SG", webhookKey: "" });
    expect(cleared.config).toEqual({});
    const [row] = await db.select().from(providerConnections).where(and(eq(providerConnections.id, made.id), eq(providerConnections.orgId, actor.orgId)));
    expect(row.config).toEqual({});
  });
});
