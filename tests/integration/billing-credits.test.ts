import { eq, sql } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import { db, query } from "@/db";
import { creditLedger, notifications, orgs, systemEmails } from "@/db/schema";
import { adjustCredits } from "@/lib/billing/adjust-credits";
import { listCreditLedger } from "@/lib/billing/list-credit-ledger";
import { refillCredits } from "@/lib/billing/refill-credits";
import { refundCredits } from "@/lib/billing/refund-credits";
import { takeCredits } from "@/lib/billing/take-credits";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";

const balance = async (orgId: string) => (await db.select({ c: orgs.credits }).from(orgs).where(eq(orgs.id, orgId)))[0].c;
const setCredits = (orgId: string, credits: number) => db.update(orgs).set({ credits }).where(eq(orgs.id, orgId));
const ledgerSum = async (orgId: string) =>
  Number((await query<{ s: number }>(sql`select coalesce(sum(delta), 0)::int as s from credit_ledger where org_id = ${orgId}`))[0].s);

/** A Hobby org whose opening credits are in the ledger, as the rollover cron records them. */
async function hobbyOrg() {
  const o = await createOrgWithOwner();
  await refillCredits({ orgId: o.org.id });
  return o;
}

describe("takeCredits", () => {
  it("takes credits and writes the use to the ledger in the caller's transaction", async () => {
    const { org } = await hobbyOrg();
    const r = await db.transaction((tx) => takeCredits(tx, { orgId: org.id, amount: 3, reason: "campaign test" }));
    expect(r.balance).toBe(997);
    expect(await balance(org.id)).toBe(997);
    const uses = await db.select().from(creditLedger).where(eq(creditLedger.orgId, org.id));
    expect(uses.map((u) => [u.kind, u.delta, u.balanceAfter])).toEqual(expect.arrayContaining([["use", -3, 997]]));
  });

  it("refuses with 'Insufficient credits.' and writes nothing, rolling back the caller's work", async () => {
    const { org } = await hobbyOrg();
    await setCredits(org.id, 2);
    const before = await db.select().from(creditLedger).where(eq(creditLedger.orgId, org.id));
    const e = await expectAppError(
      db.transaction(async (tx) => {
        await tx.update(orgs).set({ name: "changed by the intake" }).where(eq(orgs.id, org.id));
        await takeCredits(tx, { orgId: org.id, amount: 3 });
      }),
      "INSUFFICIENT_CREDITS",
    );
    expect(e.message).toBe("Insufficient credits.");
    expect(e.status).toBe(402);
    const [after] = await db.select().from(orgs).where(eq(orgs.id, org.id));
    expect(after.credits).toBe(2);
    expect(after.name).not.toBe("changed by the intake");
    expect(await db.select().from(creditLedger).where(eq(creditLedger.orgId, org.id))).toHaveLength(before.length);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses a nonsense amount (%s)", async (amount) => {
    const { org } = await hobbyOrg();
    await expectAppError(takeCredits(db, { orgId: org.id, amount }), "BAD_REQUEST");
    expect(await balance(org.id)).toBe(1000);
  });

  it("never touches another org's credits", async () => {
    const a = await hobbyOrg();
    const b = await hobbyOrg();
    await takeCredits(db, { orgId: b.org.id, amount: 10 });
    expect(await balance(a.org.id)).toBe(1000);
    expect(await db.select().from(creditLedger).where(eq(creditLedger.orgId, a.org.id))).toHaveLength(1);
  });

  it("raises 'credits exhausted' once, to owners and admins, when the balance reaches zero", async () => {
    const { org, owner } = await hobbyOrg();
    const admin = await addMember(org.id, "admin");
    await addMember(org.id, "member");
    await setCredits(org.id, 2);
    const r1 = await takeCredits(db, { orgId: org.id, amount: 2 });
    expect(r1.balance).toBe(0);
    expect(r1.emails).toHaveLength(2);
    await setCredits(org.id, 1);
    const r2 = await takeCredits(db, { orgId: org.id, amount: 1 });
    expect(r2.emails).toHaveLength(0);
    const raised = await db.select().from(notifications).where(eq(notifications.orgId, org.id));
    expect(raised.map((n) => n.kind)).toEqual(["credits-exhausted"]);
    const mails = await db.select({ to: systemEmails.to }).from(systemEmails).where(eq(systemEmails.orgId, org.id));
    expect(mails.map((m) => m.to).sort()).toEqual([owner.email, admin.user.email].sort());
  });
});

// True concurrency needs a server: PGlite runs one statement at a time, so this proves nothing there.
describe.runIf(process.env.DATABASE_URL)("takeCredits under concurrency (Postgres)", () => {
  it("100 parallel takes of 1 with 50 credits: exactly 50 succeed, balance 0, ledger agrees", async () => {
    const { org } = await hobbyOrg();
    await db.transaction(async (tx) => {
      await tx.update(orgs).set({ credits: 50 }).where(eq(orgs.id, org.id));
      await tx.insert(creditLedger).values({ orgId: org.id, kind: "adjustment", delta: -950, balanceAfter: 50, reason: "test setup" });
    });
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () => db.transaction((tx) => takeCredits(tx, { orgId: org.id, amount: 1 }))),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(50);
    expect(refused.every((r) => (r as PromiseRejectedResult).reason.code === "INSUFFICIENT_CREDITS")).toBe(true);
    expect(await balance(org.id)).toBe(0);
    expect(await ledgerSum(org.id)).toBe(0);
    const balances = ok.map((r) => (r as PromiseFulfilledResult<{ balance: number }>).value.balance).sort((x, y) => x - y);
    expect(balances).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe("refunds, refills and adjustments keep the ledger equal to the balance", () => {
  it("refunds a message that failed before reaching a provider, once per key", async () => {
    const { org } = await hobbyOrg();
    await takeCredits(db, { orgId: org.id, amount: 5 });
    expect(await refundCredits(db, { orgId: org.id, amount: 2, key: "refund:msg_1" })).toBe(997);
    expect(await refundCredits(db, { orgId: org.id, amount: 2, key: "refund:msg_1" })).toBeNull();
    expect(await balance(org.id)).toBe(997);
    await expectAppError(refundCredits(db, { orgId: org.id, amount: 0, key: "x" }), "BAD_REQUEST");
    expect(await ledgerSum(org.id)).toBe(997);
  });

  it("a refund keyed for org A never credits org B", async () => {
    const a = await hobbyOrg();
    const b = await hobbyOrg();
    await refundCredits(db, { orgId: a.org.id, amount: 4, key: "refund:shared" });
    expect(await refundCredits(db, { orgId: b.org.id, amount: 4, key: "refund:shared" })).toBe(1004);
    expect(await balance(a.org.id)).toBe(1004);
  });

  it("the monthly refill resets to the allowance once per org and month, and records why", async () => {
    const { org } = await createOrgWithOwner();
    // The opening grant is written with the org. Move the org and that grant to 40 days ago, as if
    // it had been created last month: this month's refill is then due.
    await db.update(orgs).set({ createdAt: sql`now() - interval '40 days'` }).where(eq(orgs.id, org.id));
    await db.execute(
      sql`UPDATE credit_ledger SET created_at = now() - interval '40 days',
            key = 'credits:' || to_char((now() - interval '40 days') AT TIME ZONE 'utc', 'YYYY-MM')
          WHERE org_id = ${org.id} AND kind = 'grant'`,
    );
    await takeCredits(db, { orgId: org.id, amount: 300 });
    const first = await refillCredits({ orgId: org.id });
    expect(first).toEqual({ opened: 0, refilled: 1 });
    expect(await balance(org.id)).toBe(1000);
    expect(await ledgerSum(org.id)).toBe(1000);
    await takeCredits(db, { orgId: org.id, amount: 10 });
    const again = await Promise.all([refillCredits({ orgId: org.id }), refillCredits({ orgId: org.id })]);
    expect(again.map((r) => r.refilled)).toEqual([0, 0]);
    expect(await balance(org.id)).toBe(990);
    expect(await ledgerSum(org.id)).toBe(990);
  });

  it("a new org's ledger explains its balance from the start: the opening grant is written with the org", async () => {
    const { org } = await createOrgWithOwner();
    expect(await balance(org.id)).toBe(1000);
    expect(await ledgerSum(org.id)).toBe(1000);
    expect(await refillCredits({ orgId: org.id })).toEqual({ opened: 0, refilled: 0 });
  });

  it("a paid org is not refilled", async () => {
    const { org } = await createOrgWithOwner();
    await db.update(orgs).set({ plan: "pro", credits: 7, createdAt: sql`now() - interval '40 days'` }).where(eq(orgs.id, org.id));
    await refillCredits({ orgId: org.id });
    expect(await balance(org.id)).toBe(7);
  });

  it("Herald staff adjust credits with a reason, never below zero; the org's own owner and admins are refused", async () => {
    const { org, actor, owner } = await hobbyOrg();
    const admin = await addMember(org.id, "admin");
    await expectAppError(adjustCredits(admin.actor, { delta: 5, reason: "goodwill" }), "FORBIDDEN");
    // An owner is the paying customer: granting themselves credits would be free sending.
    const before = process.env.HERALD_STAFF_EMAILS;
    await expectAppError(adjustCredits(actor, { delta: 5, reason: "goodwill" }), "FORBIDDEN");
    process.env.HERALD_STAFF_EMAILS = `ops@herald.test, ${owner.email.toUpperCase()}`;
    onTestFinished(() => {
      if (before === undefined) delete process.env.HERALD_STAFF_EMAILS;
      else process.env.HERALD_STAFF_EMAILS = before;
    });
    await expectFieldError(adjustCredits(actor, { delta: 0, reason: "nothing" }), "delta");
    await expectFieldError(adjustCredits(actor, { delta: 5, reason: "" }), "reason");
    await expectAppError(adjustCredits(actor, { delta: -1001, reason: "too much" }), "VALIDATION");
    expect((await adjustCredits(actor, { delta: 250, reason: "goodwill" })).balance).toBe(1250);
    const view = await listCreditLedger(actor);
    expect(view.explained).toBe(true);
    expect(view.balance).toBe(1250);
    expect(view.entries[0]).toMatchObject({ kind: "adjustment", delta: 250, reason: "goodwill" });
  });

  it("the ledger explains the balance after a mix of every kind of change", async () => {
    const { org, actor, owner } = await hobbyOrg();
    await takeCredits(db, { orgId: org.id, amount: 40 });
    await refundCredits(db, { orgId: org.id, amount: 3, key: "refund:m1" });
    const before = process.env.HERALD_STAFF_EMAILS;
    process.env.HERALD_STAFF_EMAILS = owner.email; // the correction is made by Herald staff
    onTestFinished(() => {
      if (before === undefined) delete process.env.HERALD_STAFF_EMAILS;
      else process.env.HERALD_STAFF_EMAILS = before;
    });
    await adjustCredits(actor, { delta: -7, reason: "correction" });
    const view = await listCreditLedger(actor);
    expect(view).toMatchObject({ balance: 956, ledgerSum: 956, explained: true });
    expect(view.entries.map((e) => e.kind).sort()).toEqual(["adjustment", "grant", "refund", "use"]);
  });

  it("the ledger is for owners and admins of that org only", async () => {
    const a = await hobbyOrg();
    const b = await hobbyOrg();
    const member = await addMember(a.org.id, "member");
    await expectAppError(listCreditLedger(member.actor), "FORBIDDEN");
    const seenByB = await listCreditLedger(b.actor);
    expect(seenByB.entries.every((e) => e.key === null || !e.key.includes(a.org.id))).toBe(true);
    await takeCredits(db, { orgId: a.org.id, amount: 1, reason: "A only" });
    expect((await listCreditLedger(b.actor)).entries.some((e) => e.reason === "A only")).toBe(false);
  });
});
