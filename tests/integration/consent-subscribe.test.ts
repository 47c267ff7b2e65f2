import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { OPTIONS, POST } from "@/app/api/subscribe/[token]/route";
import { db } from "@/db";
import { contactEvents, contacts, listMembers, lists, suppressions, systemEmails, type ContactStatus } from "@/db/schema";
import { confirmSubscription } from "@/lib/audience/consent/confirm-subscription";
import { getConfirmation } from "@/lib/audience/consent/get-confirmation";
import { LIST_LIMIT, subscribeToList } from "@/lib/audience/consent/subscribe-to-list";
import { PLANS } from "@/lib/billing/plans";
import { addressHash } from "@/lib/audience/suppressions/address-hash";
import { randomToken } from "@/lib/crypto";
import { createOrgWithOwner } from "../fixtures/factories";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";
import { lastMessageTo, linkFrom } from "../fixtures/outbox";

const tag = () => randomBytes(4).toString("hex");
const freshEmail = () => `sub-${tag()}@example.test`;
const freshIp = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

async function listIn(orgId: string, doubleOptIn = true) {
  const [list] = await db.insert(lists).values({ orgId, name: `News ${tag()}`, publicToken: randomToken(), doubleOptIn }).returning();
  return list;
}
const contactBy = async (orgId: string, email: string) => (await db.select().from(contacts).where(and(eq(contacts.orgId, orgId), eq(contacts.email, email))))[0] ?? null;
const membersOf = (listId: string) => db.select().from(listMembers).where(eq(listMembers.listId, listId));
const countOf = async (listId: string) => (await db.select({ n: lists.memberCount }).from(lists).where(eq(lists.id, listId)))[0].n;
const tokenFrom = (link: string) => new URL(link).pathname.replace("/s/confirm/", "");

describe("double opt-in", () => {
  it("holds the contact as pending, e-mails a link, and the link's button subscribes with consent", async () => {
    const { org } = await createOrgWithOwner();
    const list = await listIn(org.id);
    const email = freshEmail();
    const r = await subscribeToList(list.publicToken, { email: ` ${email.toUpperCase()} `, firstName: "Ann", lastName: "" }, { ip: "203.0.113.7" });
    expect(r).toEqual({ listName: list.name, doubleOptIn: true });
    const pending = await contactBy(org.id, email);
    expect(pending).toMatchObject({ status: "pending", firstName: "Ann", lastName: null, consentAt: null });
    expect(await membersOf(list.id)).toMatchObject([{ contactId: pending.id, status: "pending" }]);
    expect(await countOf(list.id)).toBe(1);

    const msg = await lastMessageTo(email);
    expect(msg?.subject).toContain(list.name);
    const link = linkFrom(msg!.text, "/s/confirm/")!;
    const token = tokenFrom(link);
    // Opening the link (a GET, or a mail scanner) changes nothing.
    expect(await getConfirmation(token)).toMatchObject({ listName: list.name, orgName: org.name, state: "pending" });
    expect((await contactBy(org.id, email)).status).toBe("pending");

    expect(await confirmSubscription(token, { ip: "198.51.100.9" })).toEqual({ state: "confirmed", listName: list.name });
    const confirmed = await contactBy(org.id, email);
    expect(confirmed).toMatchObject({ status: "subscribed", consentSource: `double-opt-in:${list.name}`, consentIp: "198.51.100.9" });
    expect(confirmed.consentAt).toBeInstanceOf(Date);
    expect(await membersOf(list.id)).toMatchObject([{ status: "subscribed" }]);
    expect(await countOf(list.id)).toBe(1);
    const events = await db.select().from(contactEvents).where(eq(contactEvents.contactId, confirmed.id));
    expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ["subscription_requested", null, "pending"],
      ["subscription_confirmed", "pending", "subscribed"],
    ]);
    // A second click changes nothing.
    expect((await confirmSubscription(token, { ip: "1.1.1.1" })).state).toBe("confirmed");
    expect((await contactBy(org.id, email)).consentIp).toBe("198.51.100.9");
    expect(await db.select().from(contactEvents).where(eq(contactEvents.contactId, confirmed.id))).toHaveLength(2);
  });

  it("refuses a tampered or foreign confirm link as NOT_FOUND", async () => {
    const { org } = await createOrgWithOwner();
    const list = await listIn(org.id);
    const email = freshEmail();
    await subscribeToList(list.publicToken, { email }, { ip: freshIp() });
    const token = tokenFrom(linkFrom((await lastMessageTo(email))!.text, "/s/confirm/")!);
    await expectAppError(confirmSubscription(`${token}x`, { ip: "1.1.1.1" }), "NOT_FOUND");
    await expectAppError(getConfirmation("nonsense"), "NOT_FOUND");
    expect((await contactBy(org.id, email)).status).toBe("pending");
  });

  it("writes nothing when the honeypot is filled, yet answers the same", async () => {
    const { org } = await createOrgWithOwner();
    const list = await listIn(org.id);
    const email = freshEmail();
    const r = await subscribeToList(list.publicToken, { email, website: "http://spam.example" }, { ip: freshIp() });
    expect(r).toEqual({ listName: list.name, doubleOptIn: true });
    expect(await contactBy(org.id, email)).toBeNull();
    expect(await db.select().from(systemEmails).where(eq(systemEmails.to, email))).toHaveLength(0);
  });

  it.each<{ status: ContactStatus }>([{ status: "unsubscribed" }, { status: "bounced" }, { status: "complained" }])(
    "never resubscribes a $status contact, and says nothing different",
    async ({ status }) => {
      const { org } = await createOrgWithOwner();
      const list = await listIn(org.id, false);
      const email = freshEmail();
      const [c] = await db.insert(contacts).values({ orgId: org.id, email, status }).returning();
      expect(await subscribeToList(list.publicToken, { email }, { ip: freshIp() })).toEqual({ listName: list.name, doubleOptIn: false });
      expect(await contactBy(org.id, email)).toEqual(c);
      expect(await membersOf(list.id)).toHaveLength(0);
    },
  );

  it("never resubscribes a suppressed address, even with no contact row", async () => {
    const { org } = await createOrgWithOwner();
    const list = await listIn(org.id);
    const email = freshEmail();
    await db.insert(suppressions).values({ orgId: org.id, channel: "email", address: null, addressHash: addressHash(email), reason: "erased" });
    await subscribeToList(list.publicToken, { email }, { ip: freshIp() });
    expect(await contactBy(org.id, email)).toBeNull();
    expect(await db.select().from(systemEmails).where(eq(systemEmails.to, email))).toHaveLength(0);
  });

  it("never downgrades a subscribed contact to pending", async () => {
    const { org } = await createOrgWithOwner();
    const list = await listIn(org.id);
    const email = freshEmail();
    await db.insert(contacts).values({ orgId: org.id, email, status: "subscribed", firstName: "Kept" });
    await subscribeToList(list.publicToken, { email, firstName: "Changed" }, { ip: freshIp() });
    expect(await contactBy(org.id, email)).toMatchObject({ status: "subscribed", firstName: "Kept" });
    // The new list still wants their confirmation.
    expect(await membersOf(list.id)).toMatchObject([{ status: "pending" }]);
    expect(await lastMessageTo(email)).not.toBeNull();
  });

  it("refuses bad input with field messages, and unknown lists as NOT_FOUND", async () => {
    const { org } = await createOrgWithOwner();
    const list = await listIn(org.id);
    await expectFieldError(subscribeToList(list.publicToken, { email: "nope" }, { ip: freshIp() }), "email");
    await expectFieldError(subscribeToList(list.publicToken, {}, { ip: freshIp() }), "email");
    await expectFieldError(subscribeToList(list.publicToken, { email: freshEmail(), firstName: "x".repeat(101) }, { ip: freshIp() }), "firstName");
    await expectAppError(subscribeToList("no-such-token", { email: freshEmail() }, { ip: freshIp() }), "NOT_FOUND");
  });

  it("limits sign-ups per IP and per address", async () => {
    const { org } = await createOrgWithOwner();
    const list = await listIn(org.id);
    const ip = freshIp();
    for (let i = 0; i < 10; i++) await subscribeToList(list.publicToken, { email: freshEmail() }, { ip });
    const email = freshEmail();
    await expectAppError(subscribeToList(list.publicToken, { email }, { ip }), "RATE_LIMITED");
    expect(await contactBy(org.id, email)).toBeNull();

    const again = freshEmail();
    for (let i = 0; i < 3; i++) await subscribeToList(list.publicToken, { email: again }, { ip: freshIp() });
    await expectAppError(subscribeToList(list.publicToken, { email: again }, { ip: freshIp() }), "RATE_LIMITED");
    expect(await db.select().from(systemEmails).where(eq(systemEmails.to, again))).toHaveLength(3);
  });
});

describe("single opt-in", () => {
  it("subscribes at once with consent recorded and no e-mail", async () => {
    const { org } = await createOrgWithOwner();
    const list = await listIn(org.id, false);
    const email = freshEmail();
    await subscribeToList(list.publicToken, { email }, { ip: "203.0.113.50" });
    const c = await contactBy(org.id, email);
    expect(c).toMatchObject({ status: "subscribed", consentSource: `form:${list.name}`, consentIp: "203.0.113.50" });
    expect(c.consentAt).toBeInstanceOf(Date);
    expect(await membersOf(list.id)).toMatchObject([{ status: "subscribed" }]);
    expect(await countOf(list.id)).toBe(1);
    expect(await db.select().from(systemEmails).where(eq(systemEmails.to, email))).toHaveLength(0);
    // Subscribing twice neither doubles the membership nor the count.
    await subscribeToList(list.publicToken, { email }, { ip: freshIp() });
    expect(await countOf(list.id)).toBe(1);
  });
});

describe("limits that a forged address cannot get around", () => {
  it("a full org answers the form like any refusal and creates nothing; an existing contact still joins", async () => {
    const { org } = await createOrgWithOwner(); // Hobby
    const list = await listIn(org.id, false);
    await db.execute(sql`INSERT INTO contacts (org_id, email) SELECT ${org.id}, 'filler' || g || '@example.test' FROM generate_series(1, ${PLANS.hobby.contacts}) g`);
    const email = freshEmail();
    const answer = await subscribeToList(list.publicToken, { email }, { ip: freshIp() });
    expect(answer).toEqual({ listName: list.name, doubleOptIn: false });
    expect(await contactBy(org.id, email)).toBeNull();
    await subscribeToList(list.publicToken, { email: "filler1@example.test" }, { ip: freshIp() });
    expect(await countOf(list.id)).toBe(1);
  });

  it("caps sign-ups per list per hour, whatever address they come from", async () => {
    const { org } = await createOrgWithOwner(undefined, { plan: "premium" });
    const list = await listIn(org.id, false);
    await db.execute(sql`INSERT INTO rate_limits (key, count, reset_at) VALUES (${`subscribe:list:${list.id}`}, ${LIST_LIMIT.count}, now() + interval '1 hour')`);
    await expectAppError(subscribeToList(list.publicToken, { email: freshEmail() }, { ip: freshIp() }), "RATE_LIMITED");
  });
});

describe("POST /api/subscribe/<token>", () => {
  const call = (token: string, body: BodyInit, type: string, ip = freshIp()) =>
    POST(new Request(`http://localhost/api/subscribe/${token}`, { method: "POST", body, headers: { "content-type": type, "x-forwarded-for": `198.51.100.9, ${ip}` /* a forged first entry, then what our one trusted proxy saw */ } }), {
      params: Promise.resolve({ token }),
    });

  it("subscribes from JSON and from a form, with CORS headers", async () => {
    const { org } = await createOrgWithOwner();
    const list = await listIn(org.id);
    const a = freshEmail();
    const res = await call(list.publicToken, JSON.stringify({ email: a, firstName: "Jo" }), "application/json");
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toMatchObject({ ok: true, doubleOptIn: true });
    expect(await contactBy(org.id, a)).toMatchObject({ status: "pending", firstName: "Jo" });

    const b = freshEmail();
    const form = await call(list.publicToken, new URLSearchParams({ email: b, first_name: "Bo" }).toString(), "application/x-www-form-urlencoded");
    expect(form.status).toBe(200);
    expect(await contactBy(org.id, b)).toMatchObject({ status: "pending", firstName: "Bo" });
  });

  it("answers JSON errors: 422 bad e-mail, 404 unknown list, 400 bad body, 429 rate-limited", async () => {
    const { org } = await createOrgWithOwner();
    const list = await listIn(org.id);
    const bad = await call(list.publicToken, JSON.stringify({ email: "nope" }), "application/json");
    expect(bad.status).toBe(422);
    expect(bad.headers.get("access-control-allow-origin")).toBe("*");
    expect(await bad.json()).toEqual({ error: { code: "VALIDATION", message: expect.any(String), fields: { email: "Enter a valid e-mail address." } } });

    const missing = await call("no-such-list", JSON.stringify({ email: freshEmail() }), "application/json");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("NOT_FOUND");

    const garbled = await call(list.publicToken, "{not json", "application/json");
    expect(garbled.status).toBe(400);

    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect((await call(list.publicToken, JSON.stringify({ email: freshEmail() }), "application/json", ip)).status).toBe(200);
    const limited = await call(list.publicToken, JSON.stringify({ email: freshEmail() }), "application/json", ip);
    expect(limited.status).toBe(429);
    expect((await limited.json()).error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/Try again/) });
  });

  it("answers the CORS preflight", async () => {
    const res = OPTIONS();
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")).toContain("Content-Type");
  });
});

describe("POST /api/subscribe/<token> from a plain HTML form", () => {
  const post = (token: string, email: string) =>
    POST(
      new Request(`http://localhost/api/subscribe/${token}`, {
        method: "POST",
        body: new URLSearchParams({ email }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html,application/xhtml+xml", "x-forwarded-for": freshIp() },
      }),
      { params: Promise.resolve({ token }) },
    );

  it("sends the browser on to the hosted page with the outcome", async () => {
    const { org } = await createOrgWithOwner();
    const list = await listIn(org.id);
    const ok = await post(list.publicToken, freshEmail());
    expect(ok.status).toBe(303);
    expect(new URL(ok.headers.get("location")!).pathname + new URL(ok.headers.get("location")!).search).toBe(`/s/${list.publicToken}?outcome=ok`);
    const bad = await post(list.publicToken, "nope");
    expect(bad.status).toBe(303);
    expect(bad.headers.get("location")).toMatch(/\?outcome=validation$/);
    // An unknown list has no hosted page to go back to.
    expect((await post("no-such-list", freshEmail())).status).toBe(404);
  });
});
