import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { contactAttributes, contacts, listMembers, lists, orgs, segments } from "@/db/schema";
import { countSegment } from "@/lib/audience/segments/count-segment";
import { createSegment } from "@/lib/audience/segments/create-segment";
import { deleteSegment } from "@/lib/audience/segments/delete-segment";
import { getSegment } from "@/lib/audience/segments/get-segment";
import { listSegments } from "@/lib/audience/segments/list-segments";
import { loadSegmentCondition } from "@/lib/audience/segments/load-segment-condition";
import { previewSegment } from "@/lib/audience/segments/preview-segment";
import { updateSegment } from "@/lib/audience/segments/update-segment";
import { countWhere } from "@/lib/audience/segments/count-segment";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { expectAppError, expectFieldError } from "../fixtures/expect-error";

let seq = 0;
async function orgWithAudience() {
  const { org, actor } = await createOrgWithOwner();
  await db.insert(contactAttributes).values([
    { orgId: org.id, key: "plan", label: "Plan", type: "text" },
    { orgId: org.id, key: "score", label: "Score", type: "number" },
  ]);
  const [list] = await db.insert(lists).values({ orgId: org.id, name: "Newsletter", publicToken: `t-${org.id}` }).returning();
  const mk = (n: number, extra: Partial<typeof contacts.$inferInsert> = {}) => ({ orgId: org.id, email: `s${++seq}-${n}@example.test`, ...extra });
  const rows = await db
    .insert(contacts)
    .values([
      mk(1, { tags: ["vip"], attributes: { plan: "pro", score: 10 } }),
      mk(2, { tags: ["vip"], attributes: { plan: "free", score: "n/a" } }),
      mk(3, { attributes: { score: 3 }, status: "unsubscribed" }),
      mk(4, { createdAt: new Date("2023-06-01T12:00:00Z") }),
    ])
    .returning();
  await db.insert(listMembers).values([{ listId: list.id, contactId: rows[0].id, orgId: org.id }]);
  return { org, actor, list, contacts: rows };
}

const vip = { match: "all", rules: [{ field: "tag", op: "is", value: "vip" }] };

describe("segments", () => {
  it("creates, counts, previews, renames and deletes a segment", async () => {
    const { actor, list } = await orgWithAudience();
    const seg = await createSegment(actor, { name: " VIPs ", rules: vip });
    expect(seg.name).toBe("VIPs");
    expect((await countSegment(actor, { rules: vip })).count).toBe(2);
    const rich = { match: "all", rules: [{ field: "attribute", key: "score", op: "gt", value: "5" }, { field: "list", op: "is", value: list.id }] };
    expect((await countSegment(actor, { rules: rich })).count).toBe(1);
    expect((await previewSegment(actor, { rules: vip })).map((c) => c.id)).toHaveLength(2);
    expect((await previewSegment(actor, { rules: vip }))[0].id).toMatch(/^ct_/);
    expect((await listSegments(actor)).map((s) => [s.name, s.count])).toEqual([["VIPs", 2]]);

    await updateSegment(actor, { segmentId: seg.id, name: "Big spenders", rules: rich });
    expect((await getSegment(actor, { segmentId: seg.id })).name).toBe("Big spenders");
    expect(await countWhere(actor.orgId, await loadSegmentCondition(actor.orgId, seg.id))).toBe(1);

    await deleteSegment(actor, { segmentId: seg.id });
    await expectAppError(getSegment(actor, { segmentId: seg.id }), "NOT_FOUND");
  });

  it("lets a plain member manage segments", async () => {
    const { org } = await orgWithAudience();
    const { actor } = await addMember(org.id, "member");
    const seg = await createSegment(actor, { name: "Mine", rules: vip });
    await deleteSegment(actor, { segmentId: seg.id });
  });

  it("keeps names unique per org, with a message on the field", async () => {
    const { actor } = await orgWithAudience();
    await createSegment(actor, { name: "VIPs", rules: vip });
    const e = await expectAppError(createSegment(actor, { name: "VIPs", rules: vip }), "CONFLICT");
    expect(e.fields?.name).toMatch(/already/);
    const other = await createSegment(actor, { name: "Other", rules: vip });
    expect((await expectAppError(updateSegment(actor, { segmentId: other.id, name: "VIPs" }), "CONFLICT")).fields?.name).toBeTruthy();
    // Another org may use the same name.
    const b = await orgWithAudience();
    await createSegment(b.actor, { name: "VIPs", rules: vip });
  });

  it.each([
    ["an unknown attribute", { field: "attribute", key: "shoe", op: "equals", value: "42" }, /unknown attribute "shoe"/],
    ["a value of the wrong type", { field: "attribute", key: "score", op: "gt", value: "many" }, /not a number/],
    ["contains on a number", { field: "attribute", key: "score", op: "contains", value: "1" }, /text attributes/],
  ])("refuses %s when saving and counting, naming the rule", async (_n, rule, message) => {
    const { actor } = await orgWithAudience();
    const rules = { match: "all", rules: [{ field: "tag", op: "is", value: "vip" }, rule] };
    const e = await expectAppError(createSegment(actor, { name: "Bad", rules }), "VALIDATION");
    expect(e.message).toMatch(/^Rule 2: /);
    expect(e.message).toMatch(message);
    await expectAppError(countSegment(actor, { rules }), "VALIDATION");
    expect(await db.select().from(segments).where(eq(segments.orgId, actor.orgId))).toHaveLength(0);
  });

  it("refuses another org's list id in the rules", async () => {
    const a = await orgWithAudience();
    const b = await orgWithAudience();
    const rules = { match: "all", rules: [{ field: "list", op: "is", value: a.list.id }] };
    const e = await expectAppError(countSegment(b.actor, { rules }), "VALIDATION");
    expect(e.fields?.["rules.0.value"]).toMatch(/list does not exist/);
    await expectAppError(createSegment(b.actor, { name: "Sneaky", rules }), "VALIDATION");
  });

  it("refuses malformed rules and names with field messages naming the rule", async () => {
    const { actor } = await orgWithAudience();
    await expectFieldError(createSegment(actor, { name: "", rules: vip }), "name");
    const bad = { match: "all", rules: [{ field: "tag", op: "is", value: "x" }, { match: "any", rules: [{ field: "status", op: "is", value: "lost" }] }] };
    const e = await expectAppError(createSegment(actor, { name: "X", rules: bad }), "VALIDATION");
    expect(e.message).toMatch(/^Rule 2\.1: Choose a status\.$/);
    expect(Object.keys(e.fields ?? {})).toEqual(["rules.1.rules.0.value"]);
    const empty = await expectAppError(countSegment(actor, { rules: { match: "all", rules: [{ field: "tag", op: "is", value: " " }] } }), "VALIDATION");
    expect(empty.message).toBe("Rule 1: Enter a value.");
    await expectAppError(createSegment(actor, { name: "X", rules: "{not json" }), "VALIDATION");
  });

  it("reads created before/after as whole days in the org's timezone", async () => {
    const { org, actor } = await orgWithAudience();
    await db.update(orgs).set({ timezone: "Asia/Tokyo" }).where(eq(orgs.id, org.id));
    // 2023-06-01T12:00Z is 21:00 on June 1st in Tokyo; 2023-05-31T16:00Z is already June 1st there.
    await db.insert(contacts).values({ orgId: org.id, email: `tokyo-${++seq}@example.test`, createdAt: new Date("2023-05-31T16:00:00Z") });
    const before = (d: string) => countSegment(actor, { rules: { match: "all", rules: [{ field: "created", op: "before", value: d }] } });
    const after = (d: string) => countSegment(actor, { rules: { match: "all", rules: [{ field: "created", op: "after", value: d }] } });
    expect((await before("2023-06-01")).count).toBe(0);
    expect((await before("2023-06-02")).count).toBe(2);
    expect((await after("2023-05-31")).count).toBe(5);
    expect((await after("2023-06-01")).count).toBe(3);
  });

  it("keeps a saved segment working after its list is deleted: nobody is a member", async () => {
    const { actor, list } = await orgWithAudience();
    const seg = await createSegment(actor, { name: "Not subscribers", rules: { match: "all", rules: [{ field: "list", op: "is_not", value: list.id }] } });
    expect((await listSegments(actor))[0].count).toBe(3);
    await db.delete(lists).where(eq(lists.id, list.id));
    expect(await countWhere(actor.orgId, await loadSegmentCondition(actor.orgId, seg.id))).toBe(4);
  });

  it("shows why a saved segment no longer compiles instead of failing the page", async () => {
    const { actor } = await orgWithAudience();
    await createSegment(actor, { name: "Scored", rules: { match: "all", rules: [{ field: "attribute", key: "score", op: "is_set" }] } });
    await db.delete(contactAttributes).where(eq(contactAttributes.orgId, actor.orgId));
    const [s] = await listSegments(actor);
    expect(s.count).toBeNull();
    expect(s.error).toMatch(/unknown attribute "score"/);
  });

  it("refuses another org's segment everywhere and changes nothing", async () => {
    const a = await orgWithAudience();
    const b = await orgWithAudience();
    const seg = await createSegment(a.actor, { name: "A's", rules: vip });
    await expectAppError(getSegment(b.actor, { segmentId: seg.id }), "NOT_FOUND");
    await expectAppError(updateSegment(b.actor, { segmentId: seg.id, name: "Taken", rules: { match: "any", rules: [] } }), "NOT_FOUND");
    await expectAppError(deleteSegment(b.actor, { segmentId: seg.id }), "NOT_FOUND");
    await expectAppError(loadSegmentCondition(b.org.id, seg.id), "NOT_FOUND");
    expect(await listSegments(b.actor)).toEqual([]);
    const [still] = await db.select().from(segments).where(eq(segments.id, seg.id));
    expect(still.name).toBe("A's");
    expect(still.rules).toEqual(vip);
    // Counting only ever sees the caller's own contacts.
    expect((await countSegment(b.actor, { rules: { match: "all", rules: [] } })).count).toBe(4);
  });
});
