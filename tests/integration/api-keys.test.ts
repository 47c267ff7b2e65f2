import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { apiKeys, auditLog } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { sha256 } from "@/lib/crypto";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";
import { addMember, createOrgWithOwner } from "../fixtures/factories";

describe("API keys", () => {
  it("stores only the token's hash and a short prefix, and audits the creation", async () => {
    const { org, actor } = await createOrgWithOwner();
    const { key, token } = await createApiKey(actor, { name: "  Zapier  " });
    expect(token).toMatch(/^hk_[0-9a-z]{32}$/);
    expect(key).toMatchObject({ name: "Zapier", prefix: token.slice(0, 10), revokedAt: null, lastUsedAt: null });
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.targetId, key.id)));
    expect(audit.map((a) => a.action)).toEqual(["api_key.created"]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("lists the org's keys without any token or hash, newest first", async () => {
    const { actor } = await createOrgWithOwner();
    const first = await createApiKey(actor, { name: "First" });
    const second = await createApiKey(actor, { name: "Second" });
    const list = await listApiKeys(actor);
    expect(list.map((k) => k.id)).toEqual([second.key.id, first.key.id]);
    const text = JSON.stringify(list);
    for (const t of [first.token, second.token]) {
      expect(text).not.toContain(t);
      expect(text).not.toContain(sha256(t));
    }
    expect(list[0].createdByName).toBe("Owner");
  });

  it("validates the name", async () => {
    const { actor } = await createOrgWithOwner();
    for (const name of ["", "   ", "x".repeat(81)]) await expectFieldError(createApiKey(actor, { name }), "name");
  });

  it("lets owners and admins manage keys, not members", async () => {
    const { org, actor } = await createOrgWithOwner(undefined, { plan: "premium" });
    const admin = await addMember(org.id, "admin");
    const member = await addMember(org.id, "member");
    const { key } = await createApiKey(admin.actor, { name: "By admin" });
    await expectAppError(createApiKey(member.actor, { name: "Nope" }), "FORBIDDEN");
    await expectAppError(listApiKeys(member.actor), "FORBIDDEN");
    await expectAppError(revokeApiKey(member.actor, { id: key.id }), "FORBIDDEN");
    expect((await listApiKeys(actor)).map((k) => k.name)).toEqual(["By admin"]);
  });

  it("revokes once (a second revoke is harmless) and audits it", async () => {
    const { org, actor } = await createOrgWithOwner();
    const { key } = await createApiKey(actor, { name: "Old" });
    const revoked = await revokeApiKey(actor, { id: key.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const again = await revokeApiKey(actor, { id: key.id });
    expect(again.revokedAt?.getTime()).toBe(revoked.revokedAt?.getTime());
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "api_key.revoked")));
    expect(audit).toHaveLength(1);
  });

  it("cannot see or revoke another org's key", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    const { key } = await createApiKey(a.actor, { name: "A's key" });
    await expectAppError(revokeApiKey(b.actor, { id: key.id }), "NOT_FOUND");
    expect(await listApiKeys(b.actor)).toEqual([]);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row.revokedAt).toBeNull();
  });
});
