import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { outboxMessages, systemEmails } from "@/db/schema";
import { sendSystemEmail } from "@/inngest/functions/send-system-email";
import { insertSystemEmail } from "@/lib/mail/queue-system-email";

// The function run by Inngest's own test engine: its steps run for real against the database.
// A fresh engine per run: an engine remembers step results between executions.
const run = (emailId: string) =>
  new InngestTestEngine({ function: sendSystemEmail }).execute({ events: [{ name: "system-email/queued", data: { emailId, orgId: null } }] });

async function queued(to: string) {
  return insertSystemEmail(db, { kind: "test", to, subject: "Hello", html: "<p>Hi</p>", text: "Hi" });
}

describe("send-system-email", () => {
  it("delivers a queued e-mail to the outbox and marks the row sent", async () => {
    const row = await queued(`fn-${Date.now()}@example.test`);
    const { result } = await run(row.id);
    expect(result).toMatchObject({ status: "sent" });
    const [after] = await db.select().from(systemEmails).where(eq(systemEmails.id, row.id));
    expect(after.status).toBe("sent");
    expect(after.provider).toBe("outbox");
    const [kept] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, after.providerMessageId!));
    expect(kept.subject).toBe("Hello");
  });

  it("is a no-op for an e-mail that was already sent (a duplicate event sends nothing twice)", async () => {
    const to = `dup-${Date.now()}@example.test`;
    const row = await queued(to);
    await run(row.id);
    const { result } = await run(row.id);
    expect(result).toMatchObject({ status: "skipped" });
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.to, to))).toHaveLength(1);
  });

  it("refuses a payload without an e-mail id", async () => {
    const { error } = await run("nope");
    expect(error).toBeTruthy();
  });
});
