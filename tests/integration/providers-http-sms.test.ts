import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { httpSmsProvider } from "@/lib/sending/providers/http-sms";
import type { OutgoingSms } from "@/lib/sending/providers/types";
import { startSmsGateway, type SmsGatewayFake } from "@/tests/fakes/sms-gateway";

let gw: SmsGatewayFake;
beforeAll(async () => {
  gw = await startSmsGateway({ token: "tok-123" });
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.received.length = 0;
});

const sms = (i: number): OutgoingSms => ({ messageId: `msg_sms${i}`, from: "Herald", to: `+1415555${String(i).padStart(4, "0")}`, body: `Code ${i}` });
const provider = () => httpSmsProvider({ url: gw.url, token: "tok-123" });

describe("http_sms adapter", () => {
  it("posts one JSON message per SMS with the Bearer token; the gateway's id is the provider id", async () => {
    const results = await provider().sendBatch([sms(1), sms(2), sms(3)]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(gw.received).toHaveLength(3);
    const first = gw.received.find((r) => r.reference === "msg_sms1")!;
    expect(first).toMatchObject({ to: "+14155550001", from: "Herald", body: "Code 1" });
    expect(results[0]).toEqual({ ok: true, providerMessageId: first.id });
  });

  it.each([
    [429, true],
    [500, true],
    [400, false],
  ])("answers %i with retryable=%s", async (status, retryable) => {
    gw.failNext(status);
    const [r] = await provider().sendBatch([sms(1)]);
    expect(r).toMatchObject({ ok: false, retryable, status });
  });

  it("answers a wrong token (401) as final and an unreachable gateway as retryable", async () => {
    const [bad] = await httpSmsProvider({ url: gw.url, token: "nope" }).sendBatch([sms(1)]);
    expect(bad).toMatchObject({ ok: false, retryable: false, status: 401 });
    const [down] = await httpSmsProvider({ url: "http://127.0.0.1:1/send", token: "x" }).sendBatch([sms(1)]);
    expect(down).toMatchObject({ ok: false, retryable: true });
  });

  it("tests the connection with a HEAD to the URL, or not at all when configured so", async () => {
    expect(await provider().test()).toEqual({ ok: true });
    expect(await httpSmsProvider({ url: gw.url, token: "nope" }).test()).toMatchObject({ ok: false, error: expect.stringContaining("token") });
    expect(await httpSmsProvider({ url: "http://127.0.0.1:1/send", token: "x" }).test()).toMatchObject({ ok: false });
    expect(await httpSmsProvider({ url: "http://127.0.0.1:1/send", token: "x", verify: "none" }).test()).toEqual({ ok: true });
  });
});
