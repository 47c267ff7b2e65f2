import { createHmac } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { contactEvents, contacts, messageEvents, messages, suppressions } from "@/db/schema";
import { getRunner } from "@/inngest/runner";
import { POST as smsWebhook } from "@/app/api/webhooks/sms/[connection]/route";
import { encodeId } from "@/lib/ids";
import { kickDispatch } from "@/lib/sending/dispatch/kick-dispatch";
import { closeProviders } from "@/lib/sending/providers/provider-for-connection";
import { startSmsGateway, type SmsGatewayFake } from "@/tests/fakes/sms-gateway";
import { createOrgWithOwner } from "@/tests/fixtures/factories";
import { campaignRow, createConnectionRow, eventKinds, messageRows, seedQueuedCampaign } from "@/tests/fixtures/messages";

const TOKEN = "gw-webhook-token";
let gw: SmsGatewayFake;

beforeAll(async () => {
  gw = await startSmsGateway({ token: TOKEN });
});
afterAll(async () => {
  await closeProviders();
  await gw.close();
});

/** An org with `count` SMS campaign messages sent through the gateway fake. */
async function sentSms(count: number) {
  const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
  const seeded = await seedQueuedCampaign({ orgId: org.id, count, channel: "sms", connection: { kind: "http_sms", url: gw.url, token: TOKEN } });
  await kickDispatch([seeded.sender.id]);
  await getRunner().idle();
  expect((await messageRows(seeded.messageIds)).every((r) => r.status === "sent")).toBe(true);
  return { org, seeded, connectionId: seeded.sender.connectionId, refs: seeded.messageIds.map((id) => encodeId("msg", id)) };
}

/** What the gateway posts: the body, `X-Herald-Timestamp`, and `X-Herald-Signature`: hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the token. */
function signed(payload: unknown, token = TOKEN, at = new Date()) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = createHmac("sha256", token).update(`${timestamp}.${body}`).digest("hex");
  return { body, headers: { "content-type": "application/json", "x-herald-timestamp": timestamp, "x-herald-signature": signature } };
}

async function post(connectionId: string, req: { body: string; headers: Record<string, string> }) {
  const res = await smsWebhook(new Request(`http://localhost/api/webhooks/sms/${connectionId}`, { method: "POST", headers: req.headers, body: req.body }), {
    params: Promise.resolve({ connection: connectionId }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const contactRow = async (id: number) => (await db.select().from(contacts).where(eq(contacts.id, id)))[0];
const suppressionsOf = (orgId: string) =>
  db.select({ address: suppressions.address, channel: suppressions.channel, reason: suppressions.reason, source: suppressions.source }).from(suppressions).where(eq(suppressions.orgId, orgId)).orderBy(asc(suppressions.address));
const historyOf = (contactId: number) => db.select().from(contactEvents).where(eq(contactEvents.contactId, contactId)).orderBy(asc(contactEvents.id));

describe("SMS gateway webhook: delivery receipts", () => {
  it("delivered moves the message; failed bounces it and suppresses the number, leaving the contact; undelivered is a soft bounce", async () => {
    const { org, seeded, connectionId, refs } = await sentSms(3);
    const res = await post(
      connectionId,
      signed([
        { reference: refs[0], status: "delivered", id: gw.received.find((r) => r.reference === refs[0])!.id },
        { reference: refs[1], status: "failed", id: "r-2", error: "30006 landline or unreachable carrier" },
        { reference: refs[2], status: "UNDELIVERED" },
        { reference: refs[0], status: "sent" },
      ]),
    );
    expect(res).toEqual({ status: 200, body: { received: true, items: 4, receipts: 3, stops: 0, skipped: { unmatched: 0, not_tracked: 1, reply: 0, invalid: 0 } } });
    expect((await messageRows(seeded.messageIds)).map((r) => r.status)).toEqual(["delivered", "bounced", "sent"]);
    expect(await eventKinds(seeded.messageIds[2])).toEqual(["sent", "soft_bounce"]);
    const [failed] = await db.select().from(messageEvents).where(eq(messageEvents.messageId, seeded.messageIds[1])).orderBy(asc(messageEvents.id)).offset(1);
    expect(failed).toMatchObject({ kind: "bounce", providerEventId: "failed:r-2", data: { source: "sms_receipt", status: "failed", receiptId: "r-2", error: "30006 landline or unreachable carrier" } });
    expect(await suppressionsOf(org.id)).toEqual([
      { address: seeded.addresses[1], channel: "sms", reason: "hard_bounce", source: "sms_receipt" },
    ]);
    // The number bounced, not the person: their e-mail may be fine.
    expect((await contactRow(seeded.contactIds[1])).status).toBe("subscribed");

    // One receipt as a bare object, delivered again: recorded once.
    const again = await post(connectionId, signed({ reference: refs[1], status: "failed", id: "r-2" }));
    expect(again.body).toMatchObject({ receipts: 0, skipped: { unmatched: 1 } });
    expect(await eventKinds(seeded.messageIds[1])).toEqual(["sent", "bounce"]);
  });

  it("ignores a receipt naming an e-mail message of the same org: the gateway speaks for SMS only", async () => {
    const { org, seeded, connectionId } = await sentSms(1);
    const [email] = await db
      .insert(messages)
      .values({ orgId: org.id, contactId: seeded.contactIds[0], channel: "email", toAddress: "person@example.test", status: "sent", sentAt: new Date() })
      .returning();
    const res = await post(connectionId, signed({ reference: encodeId("msg", email.id), status: "failed", id: "e-1" }));
    expect(res.body).toMatchObject({ receipts: 0, skipped: { unmatched: 1 } });
    expect((await messageRows([email.id]))[0].status).toBe("sent");
    expect(await suppressionsOf(org.id)).toEqual([]);
  });

  it("ignores a receipt for another org's message or an unknown reference", async () => {
    const a = await sentSms(1);
    const b = await sentSms(1);
    const res = await post(a.connectionId, signed([{ reference: b.refs[0], status: "failed" }, { reference: "msg_zzzzzzzzz", status: "delivered" }, { reference: "not-ours", status: "delivered" }]));
    expect(res.body).toMatchObject({ receipts: 0, skipped: { unmatched: 3 } });
    expect((await messageRows(b.seeded.messageIds))[0].status).toBe("sent");
    expect(await eventKinds(b.seeded.messageIds[0])).toEqual(["sent"]);
    expect(await suppressionsOf(b.org.id)).toEqual([]);
  });
});

describe("SMS gateway webhook: STOP replies", () => {
  it("STOP unsubscribes the number: the message, the campaign's count, the suppression and the contact's history", async () => {
    const { org, seeded, connectionId } = await sentSms(2);
    const phone = seeded.addresses[0];
    const res = await post(connectionId, signed({ from: phone, to: "Herald", body: "  stop \n" }));
    expect(res.body).toMatchObject({ stops: 1, receipts: 0 });
    expect((await messageRows(seeded.messageIds)).map((r) => r.status)).toEqual(["unsubscribed", "sent"]);
    expect(await suppressionsOf(org.id)).toEqual([{ address: phone, channel: "sms", reason: "unsubscribed", source: "sms_stop" }]);
    expect(await contactRow(seeded.contactIds[0])).toMatchObject({ status: "unsubscribed", statusReason: "sms_stop" });
    expect(await historyOf(seeded.contactIds[0])).toMatchObject([{ kind: "unsubscribed", fromStatus: "subscribed", toStatus: "unsubscribed", reason: "sms_stop" }]);
    expect((await campaignRow(seeded.campaign.id)).unsubscribeCount).toBe(1);

    // The gateway delivers the reply again, and the person sends QUIT too: nothing more happens.
    await post(connectionId, signed([{ from: phone, to: "Herald", body: "STOP" }, { from: phone, to: "Herald", body: "quit" }]));
    expect(await eventKinds(seeded.messageIds[0])).toEqual(["sent", "unsubscribe"]);
    expect((await campaignRow(seeded.campaign.id)).unsubscribeCount).toBe(1);
    expect(await historyOf(seeded.contactIds[0])).toHaveLength(1);
    expect(await suppressionsOf(org.id)).toHaveLength(1);
  });

  it.each(["STOPALL", "Unsubscribe", "cancel", "END", "quit"])("%s is an opt-out word", async (word) => {
    const { org, seeded, connectionId } = await sentSms(1);
    expect((await post(connectionId, signed({ from: seeded.addresses[0], to: "Herald", body: word }))).body).toMatchObject({ stops: 1 });
    expect((await suppressionsOf(org.id)).map((s) => s.reason)).toEqual(["unsubscribed"]);
  });

  it("other replies change nothing; a STOP from a number Herald has no contact for still suppresses it", async () => {
    const { org, seeded, connectionId } = await sentSms(1);
    const res = await post(
      connectionId,
      signed([
        { from: seeded.addresses[0], to: "Herald", body: "stop it please" },
        { from: seeded.addresses[0], to: "Herald", body: "Thanks!" },
        { from: "not a number", to: "Herald", body: "STOP" },
        { something: "else" },
        { from: "+14155550199", to: "Herald", body: "STOP" },
      ]),
    );
    expect(res.body).toMatchObject({ items: 5, stops: 1, skipped: { reply: 2, invalid: 2 } });
    expect((await messageRows(seeded.messageIds))[0].status).toBe("sent");
    expect((await contactRow(seeded.contactIds[0])).status).toBe("subscribed");
    expect(await suppressionsOf(org.id)).toEqual([{ address: "+14155550199", channel: "sms", reason: "unsubscribed", source: "sms_stop" }]);
  });
});

describe("SMS gateway webhook: who may post", () => {
  it("refuses a bad or missing signature (401) and records nothing; 404 for an unknown connection; 400 for a body that is not JSON", async () => {
    const { org, seeded, connectionId, refs } = await sentSms(1);
    const payload = [{ reference: refs[0], status: "failed" }, { from: seeded.addresses[0], to: "Herald", body: "STOP" }];
    const wrongKey = signed(payload, "another-token");
    const tampered = { ...signed(payload), body: JSON.stringify([{ reference: refs[0], status: "delivered" }]) };
    const unsigned = { body: JSON.stringify(payload), headers: { "content-type": "application/json" } };
    // Signed, but ten minutes and more ago: a replay. And a body signed without its timestamp.
    const stale = signed(payload, TOKEN, new Date(Date.now() - 11 * 60_000));
    const good = signed(payload);
    const bodyOnly = { ...good, headers: { ...good.headers, "x-herald-signature": createHmac("sha256", TOKEN).update(good.body).digest("hex") } };
    const noTimestamp = { ...good, headers: { "content-type": "application/json", "x-herald-signature": good.headers["x-herald-signature"] } };
    for (const req of [wrongKey, tampered, unsigned, { ...unsigned, headers: { "x-herald-signature": "zz" } }, stale, bodyOnly, noTimestamp]) {
      const res = await post(connectionId, req);
      expect(res.status).toBe(401);
    }
    expect(await eventKinds(seeded.messageIds[0])).toEqual(["sent"]);
    expect(await suppressionsOf(org.id)).toEqual([]);
    expect((await contactRow(seeded.contactIds[0])).status).toBe("subscribed");

    // A `sha256=` prefix, as some gateways write it, is fine.
    const ok = signed({ reference: refs[0], status: "delivered" });
    expect((await post(connectionId, { ...ok, headers: { ...ok.headers, "x-herald-signature": `sha256=${ok.headers["x-herald-signature"]}` } })).status).toBe(200);

    expect((await post("pvd_doesnotexist00000000", signed(payload))).status).toBe(404);
    const email = await createConnectionRow(org.id, { kind: "sendgrid", apiKey: "SG.x" });
    expect((await post(email.id, signed(payload))).status).toBe(404);
    expect((await post(connectionId, signed("not json"))).status).toBe(400);
    expect((await post(connectionId, signed("42"))).status).toBe(400);
  });
});
