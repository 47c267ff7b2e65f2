import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { contactAttributes, listMembers, segments } from "@/db/schema";
import { csvCell } from "@/lib/audience/export/csv-cell";
import { exportContacts } from "@/lib/audience/export/export-contacts";
import type { Actor } from "@/lib/orgs/actor";
import { expectAppError } from "../fixtures/expect-error";
import { createOrgWithOwner } from "../fixtures/factories";
import { insertContact, insertList, useTempDataDir } from "../fixtures/csv/import-helpers";

beforeAll(() => useTempDataDir());

async function exportText(actor: Actor, filter: Record<string, string> = {}) {
  const { lines } = await exportContacts(actor, filter);
  let text = "";
  for await (const l of lines) text += l;
  return text.trimEnd().split("\r\n");
}

describe("CSV cells", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "\"'\rx\""],
    ["a,b", '"a,b"'],
    ["plain", "plain"],
    [null, ""],
  ])("%j -> %s", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe("contact export", () => {
  it("streams every column, escapes formulas, and adds one column per attribute", async () => {
    const { org, actor } = await createOrgWithOwner();
    await db.insert(contactAttributes).values({ orgId: org.id, key: "plan", label: "Plan", type: "text" });
    await insertContact(org.id, { email: "evil@x.io", firstName: '=HYPERLINK("http://evil","click")', tags: ["a", "b"] });
    const rows = await exportText(actor);
    expect(rows[0]).toBe("email,phone,first_name,last_name,status,tags,timezone,operator_code,notify_from,notify_to,created_at,plan");
    expect(rows[1]).toMatch(/^evil@x\.io,,"'=HYPERLINK\(""http:\/\/evil"",""click""\)",,subscribed,"a, b",,,,,\d{4}-\d\d-\d\dT[\d:.]+Z,$/);
  });

  it("exports only what the filter matches: status, tag, list", async () => {
    const { org, actor } = await createOrgWithOwner();
    const list = await insertList(org.id);
    const a = await insertContact(org.id, { email: "a@x.io", tags: ["vip"] });
    await insertContact(org.id, { email: "b@x.io", status: "unsubscribed" });
    await insertContact(org.id, { phone: "+4915112345699" });
    await db.insert(listMembers).values({ listId: list.id, contactId: a.id, orgId: org.id });
    const emails = async (f: Record<string, string>) => (await exportText(actor, f)).slice(1).map((l) => l.split(",")[0]);
    expect((await emails({})).sort()).toEqual(["", "a@x.io", "b@x.io"]);
    expect(await emails({ status: "unsubscribed" })).toEqual(["b@x.io"]);
    expect(await emails({ tag: "VIP" })).toEqual(["a@x.io"]);
    expect(await emails({ listId: list.id })).toEqual(["a@x.io"]);
    expect(await emails({ q: "b@x" })).toEqual(["b@x.io"]);
  });

  it("cross-tenant: org B cannot export org A's contacts through A's list or segment", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    await insertContact(a.org.id, { email: "secret@a.io" });
    const aList = await insertList(a.org.id);
    const [aSeg] = await db.insert(segments).values({ orgId: a.org.id, name: "All", rules: { match: "all", rules: [] } }).returning();
    await expectAppError(exportContacts(b.actor, { listId: aList.id }), "NOT_FOUND");
    await expectAppError(exportContacts(b.actor, { segmentId: aSeg.id }), "NOT_FOUND");
    expect(await exportText(b.actor)).toHaveLength(1);
  });
});
