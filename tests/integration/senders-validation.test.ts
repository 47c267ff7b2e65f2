import { describe, expect, it } from "vitest";
import { createConnection } from "@/lib/sending/connections/create-connection";
import { senderInputSchema } from "@/lib/sending/senders/schemas";
import { createSender } from "@/lib/sending/senders/create-sender";
import { expectAppError } from "@/tests/fixtures/expect-error";
import { createOrgWithOwner } from "@/tests/fixtures/factories";

const email = { channel: "email", fromEmail: "news@example.com", ratePerSecond: "2.5", dailyCap: "2000" };
const sms = { channel: "sms", smsSenderId: "Herald", ratePerSecond: "1", dailyCap: "500" };

const fieldOf = (input: Record<string, unknown>) => {
  const r = senderInputSchema.safeParse(input);
  return r.success ? null : r.error.issues.map((i) => i.path.join("."));
};

describe("sender input", () => {
  it.each([
    ["an invalid from address", { ...email, fromEmail: "not-an-address" }, "fromEmail"],
    ["no from address for e-mail", { ...email, fromEmail: "" }, "fromEmail"],
    ["a display name over two lines", { ...email, fromName: "News\r\nBcc: x@evil.test" }, "fromName"],
    ["no sender id for SMS", { ...sms, smsSenderId: " " }, "smsSenderId"],
    ["a 2-character sender id", { ...sms, smsSenderId: "AB" }, "smsSenderId"],
    ["a 12-character sender id", { ...sms, smsSenderId: "ABCDEFGHIJKL" }, "smsSenderId"],
    ["a sender id with a space", { ...sms, smsSenderId: "My Shop" }, "smsSenderId"],
    ["a number that is not E.164", { ...sms, smsSenderId: "+0123456789" }, "smsSenderId"],
    ["a rate under 0.1", { ...email, ratePerSecond: "0.05" }, "ratePerSecond"],
    ["a rate over 1,000", { ...email, ratePerSecond: "1000.5" }, "ratePerSecond"],
    ["a rate with three decimals", { ...email, ratePerSecond: "2.555" }, "ratePerSecond"],
    ["a rate that is not a number", { ...email, ratePerSecond: "fast" }, "ratePerSecond"],
    ["a cap of 0", { ...email, dailyCap: "0" }, "dailyCap"],
    ["a cap over 10 million", { ...email, dailyCap: "10000001" }, "dailyCap"],
    ["a fractional cap", { ...email, dailyCap: "1.5" }, "dailyCap"],
    ["an unknown channel", { ...email, channel: "fax" }, "channel"],
    ["a status only the system sets", { ...email, status: "failing" }, "status"],
  ])("refuses %s", (_label, input, field) => {
    expect(fieldOf(input)).toContain(field);
  });

  it.each([
    ["the smallest rate and cap", { ...email, ratePerSecond: "0.1", dailyCap: "1" }],
    ["the largest rate and cap", { ...email, ratePerSecond: "1000", dailyCap: "10000000" }],
    ["a decimal rate", { ...email, ratePerSecond: "2.5" }],
    ["an alphanumeric sender id", { ...sms, smsSenderId: "Shop2024" }],
    ["an E.164 sender number", { ...sms, smsSenderId: "+14155550100" }],
    ["a 3-character sender id", { ...sms, smsSenderId: "ABC" }],
  ])("accepts %s", (_label, input) => {
    expect(fieldOf(input)).toBeNull();
  });

  it("lowercases the address and drops the other channel's identity", () => {
    const out = senderInputSchema.parse({ ...sms, fromEmail: "X@Example.com", fromName: "X" });
    expect(out).toMatchObject({ fromEmail: null, fromName: null, smsSenderId: "Herald", ratePerSecond: 1, dailyCap: 500, status: "active" });
    expect(senderInputSchema.parse({ ...email, fromEmail: "News@Example.COM" }).fromEmail).toBe("news@example.com");
  });
});

describe("sender connection rules", () => {
  it("needs a connection that carries the sender's channel", async () => {
    const { actor } = await createOrgWithOwner();
    const sg = await createConnection(actor, { kind: "sendgrid", name: "sg", apiKey: "SG.a.b" });
    const gw = await createConnection(actor, { kind: "http_sms", name: "gw", url: "https://sms.example.com/send", token: "t" });
    const out = await createConnection(actor, { kind: "outbox", name: "out" });
    expect((await expectAppError(createSender(actor, { ...sms, connectionId: sg.id } as never), "VALIDATION")).fields).toHaveProperty("connectionId");
    expect((await expectAppError(createSender(actor, { ...email, connectionId: gw.id } as never), "VALIDATION")).fields).toHaveProperty("connectionId");
    await createSender(actor, { ...sms, connectionId: gw.id } as never);
    await createSender(actor, { ...sms, connectionId: out.id } as never);
    await createSender(actor, { ...email, connectionId: out.id } as never);
  });

  it("keeps an SMTP connection limited to a domain to addresses of that domain", async () => {
    const { actor } = await createOrgWithOwner();
    const smtp = await createConnection(actor, { kind: "smtp", name: "smtp", host: "smtp.example.com", port: 587, tls: "starttls", fromDomain: "example.com" });
    const e = await expectAppError(createSender(actor, { ...email, fromEmail: "me@other.org", connectionId: smtp.id } as never), "VALIDATION");
    expect(e.fields).toHaveProperty("fromEmail");
    await createSender(actor, { ...email, fromEmail: "me@mail.example.com", connectionId: smtp.id } as never);
  });
});
