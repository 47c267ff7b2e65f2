import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, query } from "@/db";
import { contacts, suppressions } from "@/db/schema";
import { addressHash } from "@/lib/audience/suppressions/address-hash";
import { isSuppressed, isSuppressedSql } from "@/lib/audience/suppressions/suppressed-filter";
import { createOrgWithOwner } from "../fixtures/factories";

/**
 * The send pipeline joins against `isSuppressedSql`; one-off sends call `isSuppressed`. They must
 * give the same answer for every contact, including addresses typed in another case and entries
 * whose address was erased (only the hash is left).
 */
describe("isSuppressed and isSuppressedSql agree", () => {
  it("on a mix of suppressed, unsuppressed, erased, other-channel and other-org addresses", async () => {
    const { org } = await createOrgWithOwner();
    const other = await createOrgWithOwner();
    const people = [
      { email: "plain@example.test", phone: "+442079460001" },
      { email: "mixed.case@example.test", phone: "+442079460002" },
      { email: "erased@example.test", phone: null },
      { email: "sms-only@example.test", phone: "+442079460004" },
      { email: "other-org@example.test", phone: "+442079460005" },
      { email: null, phone: "+442079460006" },
      { email: "clean@example.test", phone: "+442079460007" },
    ];
    await db.insert(contacts).values(people.map((p) => ({ orgId: org.id, ...p })));
    await db.insert(suppressions).values([
      { orgId: org.id, channel: "email", address: "plain@example.test", addressHash: addressHash("plain@example.test"), reason: "manual" },
      // Stored as typed by someone else: the hash is of the normalised (lowercased) form.
      { orgId: org.id, channel: "email", address: "mixed.case@example.test", addressHash: addressHash("Mixed.Case@Example.test"), reason: "hard_bounce" },
      { orgId: org.id, channel: "email", address: null, addressHash: addressHash("erased@example.test"), reason: "erased" },
      { orgId: org.id, channel: "sms", address: "+442079460004", addressHash: addressHash("+442079460004"), reason: "unsubscribed" },
      { orgId: org.id, channel: "sms", address: "+442079460006", addressHash: addressHash("+442079460006"), reason: "complaint" },
      { orgId: other.org.id, channel: "email", address: "other-org@example.test", addressHash: addressHash("other-org@example.test"), reason: "manual" },
      { orgId: other.org.id, channel: "sms", address: "+442079460005", addressHash: addressHash("+442079460005"), reason: "manual" },
    ]);

    for (const channel of ["email", "sms"] as const) {
      const column = channel === "email" ? sql.raw("contacts.email") : sql.raw("contacts.phone");
      const viaSql = await query<{ address: string; suppressed: boolean }>(
        sql`SELECT ${column} AS address, ${isSuppressedSql(channel)} AS suppressed FROM contacts WHERE contacts.org_id = ${org.id} AND ${column} IS NOT NULL ORDER BY 1`,
      );
      const viaFn = await Promise.all(viaSql.map(async (r) => ({ address: r.address, suppressed: await isSuppressed(org.id, channel, r.address) })));
      expect(viaSql).toEqual(viaFn);
      const [{ n }] = await query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM contacts WHERE contacts.org_id = ${org.id} AND NOT ${isSuppressedSql(channel)} AND ${column} IS NOT NULL`,
      );
      expect(n).toBe(viaFn.filter((r) => !r.suppressed).length);
    }

    expect(await isSuppressed(org.id, "email", "plain@example.test")).toBe(true);
    expect(await isSuppressed(org.id, "email", "MIXED.case@example.test")).toBe(true);
    expect(await isSuppressed(org.id, "email", "erased@example.test")).toBe(true);
    expect(await isSuppressed(org.id, "email", "sms-only@example.test")).toBe(false);
    expect(await isSuppressed(org.id, "sms", "+442079460004")).toBe(true);
    expect(await isSuppressed(org.id, "email", "other-org@example.test")).toBe(false);
    expect(await isSuppressed(org.id, "sms", "+442079460005")).toBe(false);
    expect(await isSuppressed(org.id, "email", "clean@example.test")).toBe(false);
  });
});
