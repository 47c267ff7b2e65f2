import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { providerConnections } from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { createConnection } from "@/lib/sending/connections/create-connection";
import { deleteConnection } from "@/lib/sending/connections/delete-connection";
import { ensureOutboxConnection, OUTBOX_CONNECTION_NAME } from "@/lib/sending/connections/ensure-outbox-connection";
import { getConnection } from "@/lib/sending/connections/get-connection";
import { listConnections } from "@/lib/sending/connections/list-connections";
import { testConnection } from "@/lib/sending/connections/test-connection";
import { updateConnection } from "@/lib/sending/connections/update-connection";
import { closeProviders, providerForConnection } from "@/lib/sending/providers/provider-for-connection";
import { openJson } from "@/lib/secret-box";
import { createSender } from "@/lib/sending/senders/create-sender";
import { expectAppError, expectFieldError } from "@/tests/fixtures/expect-error";
import { addMember, createOrgWithOwner } from "@/tests/fixtures/factories";
import { startSendgridFake, type SendgridFake } from "@/tests/fakes/sendgrid";
import { startSmsGateway, type SmsGatewayFake } from "@/tests/fakes/sms-gateway";
import { startSmtpSink, type SmtpSink } from "@/tests/fakes/smtp-sink";

const KEY = "SG.live-looking.secret-value-123";
let sendgrid: SendgridFake;
let sink: SmtpSink;
let gateway: SmsGatewayFake;

beforeAll(async () => {
  [sendgrid, sink, gateway] = await Promise.all([startSendgridFake({ apiKey: KEY }), startSmtpSink(), startSmsGateway({ token: "gw-token" })]);
  process.env.SENDGRID_API_URL = sendgrid.url;
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.SENDGRID_API_URL;
  resetEnvCache();
  await closeProviders();
  await Promise.all([sendgrid.close(), sink.close(), gateway.close()]);
});

const rawRow = async (id: string) => (await db.select().from(providerConnections).where(eq(providerConnections.id, id)))[0];

describe("provider connections", () => {
  it("seals secrets at rest and never returns them", async () => {
    const { actor } = await createOrgWithOwner();
    const view = await createConnection(actor, { kind: "sendgrid", name: "SendGrid main", apiKey: KEY });
    expect(view).toMatchObject({ kind: "sendgrid", status: "untested", secretsSet: ["apiKey"], config: {} });
    const row = await rawRow(view.id);
    expect(JSON.stringify(row)).not.toContain(KEY);
    expect(openJson(row.secretsEnc!)).toEqual({ apiKey: KEY });
    for (const v of [view, await getConnection(actor, { id: view.id }), ...(await listConnections(actor))]) expect(JSON.stringify(v)).not.toContain(KEY);
  });

  it("keeps non-secret SMTP settings in config and the password sealed", async () => {
    const { actor } = await createOrgWithOwner();
    const view = await createConnection(actor, { kind: "smtp", name: "SMTP2Go", host: "Mail.SMTP2GO.com", port: "2525", tls: "starttls", user: "apiuser", password: "pw-very-secret", fromDomain: "Example.com" });
    expect(view.config).toEqual({ host: "mail.smtp2go.com", port: 2525, tls: "starttls", user: "apiuser", fromDomain: "example.com" });
    const row = await rawRow(view.id);
    expect(JSON.stringify(row)).not.toContain("pw-very-secret");
  });

  it("keeps a secret left blank on update, replaces a filled one, and marks changed settings untested", async () => {
    const { actor } = await createOrgWithOwner();
    const created = await createConnection(actor, { kind: "http_sms", name: "Gateway", url: gateway.url, token: "gw-token" });
    await testConnection(actor, { id: created.id });
    const renamed = await updateConnection(actor, { id: created.id, name: "Gateway EU", url: gateway.url, token: "" });
    expect(renamed.status).toBe("ok");
    expect(openJson((await rawRow(created.id)).secretsEnc!)).toEqual({ token: "gw-token" });
    const replaced = await updateConnection(actor, { id: created.id, name: "Gateway EU", url: gateway.url, token: "new-token" });
    expect(replaced.status).toBe("untested");
    expect(openJson((await rawRow(created.id)).secretsEnc!)).toEqual({ token: "new-token" });
    // The kind is fixed: a different kind in the input is ignored.
    const same = await updateConnection(actor, { id: created.id, kind: "sendgrid", name: "Gateway EU", url: gateway.url });
    expect(same.kind).toBe("http_sms");
  });

  it.each([
    [{ kind: "sendgrid", name: "x", apiKey: "not-a-key" }, "apiKey"],
    [{ kind: "sendgrid", name: "x" }, "apiKey"],
    [{ kind: "sendgrid", name: " ", apiKey: KEY }, "name"],
    [{ kind: "smtp", name: "x", host: "smtp.example.com", port: "0", tls: "tls" }, "port"],
    [{ kind: "smtp", name: "x", host: "smtp.example.com", port: "65536", tls: "tls" }, "port"],
    [{ kind: "smtp", name: "x", host: "smtp.example.com", port: "587", tls: "ssl" }, "tls"],
    [{ kind: "smtp", name: "x", host: "not a host", port: "587", tls: "tls" }, "host"],
    [{ kind: "smtp", name: "x", host: "smtp.example.com", port: "587", tls: "tls", fromDomain: "bad domain" }, "fromDomain"],
    [{ kind: "http_sms", name: "x", url: "http://sms.example.com/send", token: "t" }, "url"],
    [{ kind: "http_sms", name: "x", url: "not a url", token: "t" }, "url"],
    [{ kind: "http_sms", name: "x", url: "https://sms.example.com/send" }, "token"],
    [{ kind: "carrier-pigeon", name: "x" }, "kind"],
  ])("refuses %o on %s", async (input, field) => {
    const { actor } = await createOrgWithOwner();
    await expectFieldError(createConnection(actor, input as never), field);
  });

  it("asks for the password when an SMTP user is given, and accepts http:// for localhost", async () => {
    const { actor } = await createOrgWithOwner();
    const e = await expectAppError(createConnection(actor, { kind: "smtp", name: "x", host: "smtp.example.com", port: 587, tls: "starttls", user: "u" }), "VALIDATION");
    expect(e.fields).toHaveProperty("password");
    await createConnection(actor, { kind: "http_sms", name: "local", url: "http://localhost:9999/send", token: "t" });
  });

  it("refuses a second connection with the same name in the org, but another org may use it", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    await createConnection(a.actor, { kind: "outbox", name: "Main" });
    const e = await expectAppError(createConnection(a.actor, { kind: "sendgrid", name: "Main", apiKey: KEY }), "CONFLICT");
    expect(e.fields).toHaveProperty("name");
    await createConnection(b.actor, { kind: "outbox", name: "Main" });
  });

  it("tests connections against each provider and records ok or failing", async () => {
    const { actor } = await createOrgWithOwner();
    const sg = await createConnection(actor, { kind: "sendgrid", name: "sg", apiKey: KEY });
    const sgBad = await createConnection(actor, { kind: "sendgrid", name: "sg bad", apiKey: "SG.revoked.key" });
    const smtp = await createConnection(actor, { kind: "smtp", name: "smtp", host: "localhost", port: sink.port, tls: "none", user: "u", password: "p" });
    const smtpDown = await createConnection(actor, { kind: "smtp", name: "smtp down", host: "localhost", port: 1, tls: "none" });
    const sms = await createConnection(actor, { kind: "http_sms", name: "sms", url: gateway.url, token: "gw-token" });
    const smsBad = await createConnection(actor, { kind: "http_sms", name: "sms bad", url: gateway.url, token: "wrong" });

    const ok = await Promise.all([sg, smtp, sms].map((c) => testConnection(actor, { id: c.id })));
    for (const r of ok) expect(r).toMatchObject({ status: "ok", lastError: null, result: { ok: true } });
    expect(ok[0].lastTestedAt).toBeInstanceOf(Date);
    expect(sendgrid.scopeCalls).toBeGreaterThan(0);

    const bad = await Promise.all([sgBad, smtpDown, smsBad].map((c) => testConnection(actor, { id: c.id })));
    for (const r of bad) {
      expect(r.status).toBe("failing");
      expect(r.lastError).toBeTruthy();
    }
    expect((await rawRow(sgBad.id)).status).toBe("failing");
  });

  it("builds the adapter for a row from its sealed secrets, reusing it until the row changes", async () => {
    const { actor } = await createOrgWithOwner();
    const c = await createConnection(actor, { kind: "sendgrid", name: "sg", apiKey: KEY });
    const row = await rawRow(c.id);
    const provider = providerForConnection(row, "email");
    const [res] = await provider.sendBatch([{ messageId: "msg_pfc", from: "a@example.com", to: "b@example.com", subject: "s", html: "<p>h</p>", text: "h" }]);
    expect(res.ok).toBe(true);
    expect(sendgrid.requests.at(-1)?.authorization).toBe(`Bearer ${KEY}`);
    expect(providerForConnection(row, "email")).toBe(provider);
    expect(providerForConnection({ ...row, updatedAt: new Date(row.updatedAt.getTime() + 1) }, "email")).not.toBe(provider);
    expect(() => providerForConnection(row, "sms")).toThrow(/cannot send SMS/);
  });

  it("refuses to delete a connection senders use, with a message saying so", async () => {
    const { actor } = await createOrgWithOwner();
    const c = await createConnection(actor, { kind: "outbox", name: "Out" });
    await createSender(actor, { channel: "email", connectionId: c.id, fromEmail: "a@example.com", ratePerSecond: 1, dailyCap: 10 });
    const e = await expectAppError(deleteConnection(actor, { id: c.id }), "CONFLICT");
    expect(e.message).toMatch(/used by one sender/);
    const unused = await createConnection(actor, { kind: "outbox", name: "Spare" });
    await deleteConnection(actor, { id: unused.id });
    await expectAppError(getConnection(actor, { id: unused.id }), "NOT_FOUND");
  });

  it("gives every org its outbox once, however many callers ask at once", async () => {
    const { org, actor } = await createOrgWithOwner();
    const all = await Promise.all([1, 2, 3].map(() => ensureOutboxConnection(org.id)));
    expect(new Set(all.map((c) => c?.id)).size).toBe(1);
    const list = await listConnections(actor);
    expect(list.map((c) => [c.kind, c.name])).toEqual([["outbox", OUTBOX_CONNECTION_NAME]]);
  });

  it("lets members look but not change, test or delete", async () => {
    const { org, actor } = await createOrgWithOwner();
    const c = await createConnection(actor, { kind: "outbox", name: "Out" });
    const { actor: member } = await addMember(org.id, "member");
    const { actor: admin } = await addMember(org.id, "admin");
    await expectAppError(createConnection(member, { kind: "outbox", name: "Mine" }), "FORBIDDEN");
    await expectAppError(updateConnection(member, { id: c.id, name: "Renamed" }), "FORBIDDEN");
    await expectAppError(testConnection(member, { id: c.id }), "FORBIDDEN");
    await expectAppError(deleteConnection(member, { id: c.id }), "FORBIDDEN");
    expect((await listConnections(member)).map((x) => x.id)).toEqual([c.id]);
    expect((await getConnection(member, { id: c.id })).name).toBe("Out");
    await updateConnection(admin, { id: c.id, name: "Renamed by admin" });
  });

  it("answers another org's connection id with NOT_FOUND everywhere", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    const theirs = await createConnection(b.actor, { kind: "sendgrid", name: "theirs", apiKey: KEY });
    await expectAppError(getConnection(a.actor, { id: theirs.id }), "NOT_FOUND");
    await expectAppError(updateConnection(a.actor, { id: theirs.id, name: "stolen" }), "NOT_FOUND");
    await expectAppError(testConnection(a.actor, { id: theirs.id }), "NOT_FOUND");
    await expectAppError(deleteConnection(a.actor, { id: theirs.id }), "NOT_FOUND");
    expect(await listConnections(a.actor)).toEqual([]);
    expect((await rawRow(theirs.id)).name).toBe("theirs");
  });
});
