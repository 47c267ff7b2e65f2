import { describe, expect, it } from "vitest";
import { requestLoginCode } from "@/lib/auth/request-login-code";
import { verifyLoginCode } from "@/lib/auth/verify-login-code";
import { codeFrom, lastMessageTo } from "../fixtures/outbox";

describe("sign-in code smoke", () => {
  it("e-mails a code through the jobs runner and the outbox, and the code signs in", async () => {
    const email = `smoke-${Date.now()}@example.test`;
    await requestLoginCode({ email });
    const msg = await lastMessageTo(email);
    expect(msg?.subject).toMatch(/sign-in code/);
    const code = codeFrom(msg!.text);
    const user = await verifyLoginCode({ email, code: code! });
    expect(user.email).toBe(email);
    expect(user.id).toMatch(/^usr_/);
  });
});
