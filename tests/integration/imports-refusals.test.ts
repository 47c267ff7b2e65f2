import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { imports } from "@/db/schema";
import { getImport } from "@/lib/audience/imports/get-import";
import { listImportErrors } from "@/lib/audience/imports/list-import-errors";
import { startImport } from "@/lib/audience/imports/start-import";
import { streamFailedRows } from "@/lib/audience/imports/stream-failed-rows";
import { dataDir } from "@/lib/env";
import { expectAppError } from "../fixtures/expect-error";
import { addMember, createOrgWithOwner } from "../fixtures/factories";
import { importCsv, insertList, orgContacts, upload, useTempDataDir } from "../fixtures/csv/import-helpers";

beforeAll(() => useTempDataDir());

const uploadsOf = (orgId: string) => {
  const dir = path.join(dataDir(), "uploads", orgId);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe("CSV import: refused before anything is written", () => {
  it.each([
    ["empty", Buffer.from("")],
    ["binary", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])],
    ["not split consistently", Buffer.from("hello world, this is\nprose; not a table\tat all\nreally\n")],
  ])("a file that is %s: no import row, no stored file", async (_name, body) => {
    const { org, actor } = await createOrgWithOwner();
    await expectAppError(upload(actor, body), "VALIDATION");
    expect(await db.select().from(imports).where(eq(imports.orgId, org.id))).toHaveLength(0);
    expect(uploadsOf(org.id)).toEqual([]);
  });

  it("stores an upload and its shape, then refuses a mapping with no e-mail or phone column", async () => {
    const { org, actor } = await createOrgWithOwner();
    const imp = await upload(actor, "First Name\tLast Name\tE-mail\nA\tB\ta@x.io\n");
    expect(imp).toMatchObject({ status: "uploaded", delimiter: "\t", headers: ["First Name", "Last Name", "E-mail"] });
    expect(fs.existsSync(imp.filePath)).toBe(true);
    const e = await expectAppError(startImport(actor, { importId: imp.id, mapping: { "0": "first_name", "1": "last_name", "2": "skip" }, status: "pending" }), "VALIDATION");
    expect(e.message).toMatch(/E-mail or Phone/);
    expect((await getImport(actor, imp.id)).status).toBe("uploaded");
    expect(await orgContacts(org.id)).toHaveLength(0);
  });

  it("refuses subscribed without a consent source, unknown attributes, and two columns on one field", async () => {
    const { actor } = await createOrgWithOwner();
    const imp = await upload(actor, "email,mail\na@x.io,b@x.io\n");
    await expectAppError(startImport(actor, { importId: imp.id, mapping: { "0": "email", "1": "email" }, status: "pending" }), "VALIDATION");
    await expectAppError(startImport(actor, { importId: imp.id, mapping: { "0": "email", "1": "attr:nope" }, status: "pending" }), "VALIDATION");
    await expect(startImport(actor, { importId: imp.id, mapping: { "0": "email" }, status: "subscribed" })).rejects.toThrow();
  });

  it("downloads the failed rows with their columns, line and reason", async () => {
    const { actor } = await createOrgWithOwner();
    const { row } = await importCsv(actor, "email,first_name,phone\nok@x.io,Ok,\n\"bad\",\"=cmd()\",\n");
    const { lines } = await streamFailedRows(actor, row.id);
    let text = "";
    for await (const l of lines) text += l;
    expect(text).toBe("email,first_name,phone,line,reason\r\nbad,'=cmd(),,3,invalid e-mail\r\n");
  });
});

describe("CSV import: cross-tenant", () => {
  it("a member of org B cannot see, start or download org A's import, nor use A's list", async () => {
    const a = await createOrgWithOwner();
    const b = await createOrgWithOwner();
    const bMember = await addMember(b.org.id, "member");
    const imp = await upload(a.actor, "email\na@x.io\n");
    const before = await getImport(a.actor, imp.id);
    for (const actor of [b.actor, bMember.actor]) {
      await expectAppError(getImport(actor, imp.id), "NOT_FOUND");
      await expectAppError(listImportErrors(actor, imp.id), "NOT_FOUND");
      await expectAppError(streamFailedRows(actor, imp.id), "NOT_FOUND");
      await expectAppError(startImport(actor, { importId: imp.id, mapping: { "0": "email" }, status: "pending" }), "NOT_FOUND");
    }
    expect(await getImport(a.actor, imp.id)).toEqual(before);
    // B's own import cannot target A's list.
    const aList = await insertList(a.org.id);
    const bImp = await upload(b.actor, "email\nb@x.io\n");
    await expectAppError(startImport(b.actor, { importId: bImp.id, mapping: { "0": "email" }, status: "pending", listIds: [aList.id] }), "NOT_FOUND");
    expect(await orgContacts(a.org.id)).toHaveLength(0);
    expect(await orgContacts(b.org.id)).toHaveLength(0);
  });
});
