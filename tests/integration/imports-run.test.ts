import { existsSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { contactAttributes, imports, lists, listMembers } from "@/db/schema";
import { getImportProgress } from "@/lib/audience/imports/get-import";
import { runImport } from "@/lib/audience/imports/run-import";
import { PLANS } from "@/lib/billing/plans";
import { createOrgWithOwner } from "../fixtures/factories";
import { contactByEmail, finished, importCsv, insertContact, insertList, orgContacts, suppress, upload, useTempDataDir } from "../fixtures/csv/import-helpers";

beforeAll(() => useTempDataDir());

describe("CSV import: rows, reasons and line numbers", () => {
  it("imports good rows and reports each bad row with its line and reason", async () => {
    const { org, actor } = await createOrgWithOwner();
    await db.insert(contactAttributes).values({ orgId: org.id, key: "plan_size", label: "Plan size", type: "number" });
    const csv = [
      "Email Address,First Name,Phone Number,TZ,From,To,Plan size", // 1
      "ann@example.com,Ann,,Europe/Berlin,09:00,17:00,3", // 2 ok
      "not-an-email,Bob,,,,,", // 3 invalid e-mail
      "carl@example.com,Carl,12,,,,", // 4 invalid phone
      "dora@example.com,Dora,,Mars/Olympus,,,", // 5 unknown timezone
      "eve@example.com,Eve,,,18:00,09:00,", // 6 bad notify window
      "fay@example.com,Fay,,,,,lots", // 7 bad attribute value
      "ANN@example.com,Ann again,,,,,", // 8 duplicate in file
      ",Nobody,,,,,", // 9 missing e-mail and phone
      "gus@example.com,Gus,+4915112345678,,,,", // 10 ok
      "hal@example.com,Hal", // 11 wrong column count
      "", // 12 blank: ignored
      '"ivy@example.com","Ivy ""the"" Great",,,,,', // 13 ok
    ].join("\n");
    const { row, errors } = await importCsv(actor, csv, {
      mapping: { "0": "email", "1": "first_name", "2": "phone", "3": "timezone", "4": "notify_from", "5": "notify_to", "6": "attr:plan_size" },
    });
    expect(row.status).toBe("completed");
    expect(errors.map((e) => [e.line, e.reason.split(" (")[0]])).toEqual([
      [3, "invalid e-mail"],
      [4, "invalid phone"],
      [5, "unknown timezone"],
      [6, "bad notify window"],
      [7, "bad attribute value"],
      [8, "duplicate in file"],
      [9, "missing e-mail and phone"],
      [11, "wrong number of columns"],
    ]);
    expect(errors[0].raw).toEqual(["not-an-email", "Bob", "", "", "", "", ""]);
    expect(row).toMatchObject({ createdCount: 3, updatedCount: 0, skippedCount: 0, failedCount: 8, processedRows: 11, totalRows: 11 });
    const ann = await contactByEmail(org.id, "ann@example.com");
    expect(ann).toMatchObject({ firstName: "Ann", timezone: "Europe/Berlin", notifyFrom: "09:00:00", notifyTo: "17:00:00", status: "subscribed", consentSource: "Test sheet" });
    expect(ann.attributes).toEqual({ plan_size: 3 });
    expect((await contactByEmail(org.id, "gus@example.com")).phone).toBe("+4915112345678");
    expect((await contactByEmail(org.id, "ivy@example.com")).firstName).toBe('Ivy "the" Great');
  });

  it("is idempotent: the same file again changes nothing and says so", async () => {
    const { org, actor } = await createOrgWithOwner();
    const list = await insertList(org.id);
    const csv = "email,first_name,phone,tags\na@x.io,A,,vip\nb@x.io,B,+4915112345670,\nbad,C,,\n";
    const opts = { mapping: { "0": "email", "1": "first_name", "2": "phone", "3": "tags" }, listIds: [list.id] };
    const first = await importCsv(actor, csv, opts);
    expect(first.row).toMatchObject({ createdCount: 2, updatedCount: 0, skippedCount: 0, failedCount: 1 });
    // The uploaded file is deleted once the import is done: people's data does not linger on disk.
    expect(existsSync(first.row.filePath)).toBe(false);
    const before = await orgContacts(org.id);
    const second = await importCsv(actor, csv, opts);
    expect(second.row).toMatchObject({ createdCount: 0, updatedCount: 0, skippedCount: 2, failedCount: 1 });
    expect(await orgContacts(org.id)).toEqual(before);
    const [l] = await db.select().from(lists).where(eq(lists.id, list.id));
    expect(l.memberCount).toBe(2);
    // The runner itself re-run on the same import: same outcome, errors not doubled.
    const again = await runImport(org.id, second.row.id);
    expect(again).toMatchObject({ created: 0, updated: 0, skipped: 2, failed: 1 });
  });

  it("never resubscribes: unsubscribed, bounced and suppressed addresses stay so", async () => {
    const { org, actor } = await createOrgWithOwner();
    const list = await insertList(org.id);
    await insertContact(org.id, { email: "gone@x.io", status: "unsubscribed" });
    await insertContact(org.id, { email: "bounced@x.io", status: "bounced" });
    await suppress(org.id, "email", "Erased@X.io");
    await suppress(org.id, "sms", "+4915112345671");
    const csv = "email,first_name,phone\ngone@x.io,G,\nbounced@x.io,B,\nerased@x.io,E,\n,P,+4915112345671\nok@x.io,O,\n";
    const { row } = await importCsv(actor, csv, { listIds: [list.id] });
    expect(row).toMatchObject({ createdCount: 1, updatedCount: 2, skippedCount: 2, failedCount: 0 });
    expect((await contactByEmail(org.id, "gone@x.io")).status).toBe("unsubscribed");
    expect((await contactByEmail(org.id, "bounced@x.io")).status).toBe("bounced");
    expect(await contactByEmail(org.id, "erased@x.io")).toBeUndefined();
    expect((await orgContacts(org.id)).some((c) => c.phone === "+4915112345671")).toBe(false);
    const members = await db.select().from(listMembers).where(eq(listMembers.listId, list.id));
    expect(members).toHaveLength(1);
  });

  it("updates existing contacts, or leaves them alone when told to skip", async () => {
    const { org, actor } = await createOrgWithOwner();
    await insertContact(org.id, { email: "kim@x.io", firstName: "Kim", tags: ["old"] });
    await insertContact(org.id, { phone: "+4915112345672", firstName: "Phoney" });
    const csv = "email,first_name,phone,tags\nkim@x.io,Kimberly,,new\n,Phoebe,+49 151 12345672,\n";
    const mapping = { "0": "email", "1": "first_name", "2": "phone", "3": "tags" };
    const skipped = await importCsv(actor, csv, { mapping, updateExisting: false });
    expect(skipped.row).toMatchObject({ createdCount: 0, updatedCount: 0, skippedCount: 2 });
    expect((await contactByEmail(org.id, "kim@x.io")).firstName).toBe("Kim");
    const updated = await importCsv(actor, csv, { mapping, updateExisting: true, tags: "imported" });
    expect(updated.row).toMatchObject({ createdCount: 0, updatedCount: 2, skippedCount: 0 });
    const kim = await contactByEmail(org.id, "kim@x.io");
    expect(kim.firstName).toBe("Kimberly");
    expect(kim.tags).toEqual(["old", "new", "imported"]);
    const phoneOnly = (await orgContacts(org.id)).find((c) => c.phone === "+4915112345672");
    expect(phoneOnly?.firstName).toBe("Phoebe");
    expect(await orgContacts(org.id)).toHaveLength(2);
  });

  it("refuses a row whose phone belongs to another contact", async () => {
    const { org, actor } = await createOrgWithOwner();
    await insertContact(org.id, { email: "owner@x.io", phone: "+4915112345673" });
    const { row, errors } = await importCsv(actor, "email,first_name,phone\nnew@x.io,N,+4915112345673\n");
    expect(row).toMatchObject({ createdCount: 0, failedCount: 1 });
    expect(errors).toEqual([{ line: 2, reason: "phone belongs to another contact", raw: ["new@x.io", "N", "+4915112345673"] }]);
  });

  it("adds contacts to lists and keeps the member counts, with pending status for double opt-in", async () => {
    const { org, actor } = await createOrgWithOwner();
    const l1 = await insertList(org.id);
    const l2 = await insertList(org.id);
    const { row } = await importCsv(actor, "email,first_name,phone\np1@x.io,,\np2@x.io,,\n", { listIds: [l1.id, l2.id], status: "pending" });
    expect(row.createdCount).toBe(2);
    for (const l of [l1, l2]) {
      const [after] = await db.select().from(lists).where(eq(lists.id, l.id));
      expect(after.memberCount).toBe(2);
    }
    const p1 = await contactByEmail(org.id, "p1@x.io");
    expect(p1).toMatchObject({ status: "pending", consentSource: null });
    const m = await db.select().from(listMembers).where(eq(listMembers.contactId, p1.id));
    expect(m.map((x) => x.status)).toEqual(["pending", "pending"]);
  });

  it("reads semicolons, a BOM, CRLF and quoted fields with embedded newlines, with the right lines", async () => {
    const { org, actor } = await createOrgWithOwner();
    const csv = '\uFEFFE-mail;Vorname;Mobile\r\n"multi@x.io";"Line one\r\nline two";\r\nbroken;X;\r\n"q@x.io";"A; B";\r\n';
    const { row, errors } = await importCsv(actor, csv);
    expect(row.delimiter).toBe(";");
    expect(row.headers).toEqual(["E-mail", "Vorname", "Mobile"]);
    expect(errors).toEqual([{ line: 4, reason: "invalid e-mail", raw: ["broken", "X", ""] }]);
    expect((await contactByEmail(org.id, "multi@x.io")).firstName).toBe("Line one\r\nline two");
    expect((await contactByEmail(org.id, "q@x.io")).firstName).toBe("A; B");
  });
});

describe("CSV import: the plan's contact limit", () => {
  it("creates contacts up to the limit, then refuses new ones by line and says why; existing contacts still update", async () => {
    const { org, actor } = await createOrgWithOwner(); // Hobby
    const limit = PLANS.hobby.contacts;
    await db.execute(sql`INSERT INTO contacts (org_id, email) SELECT ${org.id}, 'filler' || g || '@example.test' FROM generate_series(1, ${limit - 2}) g`);
    const csv = ["email,first name", "filler1@example.test,Updated", "new1@example.com,A", "new2@example.com,B", "new3@example.com,C", "new4@example.com,D"].join("\n");
    const { row, errors } = await importCsv(actor, csv, { mapping: { "0": "email", "1": "first_name" } });
    expect(row.status).toBe("completed");
    expect(row.createdCount).toBe(2);
    expect(row.updatedCount).toBe(1);
    expect(row.failedCount).toBe(2);
    expect(errors.map((e) => e.line)).toEqual([5, 6]);
    expect(errors[0].reason).toMatch(/contact limit reached \(500 on Hobby/);
    expect(row.error).toMatch(/Stopped adding contacts at your Hobby plan's limit/);
    expect((await contactByEmail(org.id, "new3@example.com")) ?? null).toBeNull();
  });
});

describe("CSV import: chunks merged side by side on two connections", () => {
  // A file that crosses many chunks of `chunkRows`: duplicates of earlier chunks' rows, existing
  // contacts matched by e-mail and by phone alone, suppressed and invalid rows, a list to fill.
  function crossingFile(rows: number) {
    const lines = ["email,first_name,phone,tags"];
    for (let i = 0; i < rows; i++) {
      const line = lines.length + 1;
      if (i % 97 === 13) lines.push(`dup${i % 5}@x.io,Again ${line},,`); // 2nd+ sighting of dupN
      else if (i % 89 === 7) lines.push(`,Phone ${line},+49151100000${String(i % 3).padStart(2, "0")},`); // phone of an existing contact, or a repeat
      else if (i % 83 === 5) lines.push(`broken-${i},Bad,,`);
      else if (i % 79 === 3) lines.push(`gone${i % 2}@x.io,Suppressed,,`);
      else if (i < 5) lines.push(`dup${i}@x.io,First ${line},,a`);
      else lines.push(`p${i}@x.io,P${i},${i % 4 === 0 ? `+4915122${String(i).padStart(6, "0")}` : ""},${i % 3 ? "t1" : "t1;t2"}`);
    }
    return lines.join("\n");
  }

  async function run(plan: "hobby" | "basic", csv: string, chunkRows: number) {
    const { org, actor } = await createOrgWithOwner(undefined, { plan });
    const list = await insertList(org.id);
    await insertContact(org.id, { email: "p10@x.io", firstName: "Before", tags: ["old"] });
    await insertContact(org.id, { phone: "+4915110000000", firstName: "Phone owner" });
    await suppress(org.id, "email", "gone1@x.io");
    const imp = await upload(actor, csv);
    // Queued as startImport queues it, but run here with small chunks instead of by the runner.
    const options = { listIds: [list.id], tags: ["imported"], updateExisting: true, status: "subscribed" as const, consentSource: "Test sheet" };
    await db.update(imports).set({ mapping: { "0": "email", "1": "first_name", "2": "phone", "3": "tags" }, options, status: "queued" }).where(eq(imports.id, imp.id));
    const counts = await runImport(org.id, imp.id, { chunkRows });
    const { row, errors } = await finished(imp.id);
    const people = (await orgContacts(org.id)).map((c) => [c.email, c.phone, c.firstName, c.tags.join(";"), c.status]).sort((a, b) => String(a).localeCompare(String(b)));
    const [l] = await db.select().from(lists).where(eq(lists.id, list.id));
    const members = await db.select().from(listMembers).where(eq(listMembers.listId, list.id));
    return {
      counts,
      stored: [row.createdCount, row.updatedCount, row.skippedCount, row.failedCount, row.processedRows, row.error],
      errors: errors.map((e) => [e.line, e.reason]),
      people,
      memberCount: [l.memberCount, members.length],
    };
  }

  it("a file that breaks after several chunks: the chunks already started finish, then the import fails", async () => {
    const { org, actor } = await createOrgWithOwner(undefined, { plan: "basic" });
    // An unmapped column long enough that the break lies past the upload's 64 KB sniff of the head.
    const good = Array.from({ length: 150 }, (_, i) => `late${i}@x.io,L${i},${"n".repeat(500)}`);
    const imp = await upload(actor, ["email,first_name,notes", ...good, '"unterminated@x.io,Oops,'].join("\n"));
    const options = { listIds: [], tags: [], updateExisting: true, status: "subscribed" as const, consentSource: "Test sheet" };
    await db.update(imports).set({ mapping: { "0": "email", "1": "first_name" }, options, status: "queued" }).where(eq(imports.id, imp.id));
    await expect(runImport(org.id, imp.id, { chunkRows: 37 })).rejects.toThrow(/quote/i);
    // Four chunks of 37 were under way when the parser hit the end of the file; the last two rows were not.
    expect(await orgContacts(org.id)).toHaveLength(148);
  });

  it.each(["basic", "hobby"] as const)("on %s, gives exactly what one chunk gives", async (plan) => {
    // Basic's limit is far away, so chunks merge side by side; Hobby's 500 is reached mid-file,
    // where the merges must take turns for the file's first new rows to be the ones that fit.
    const csv = crossingFile(700);
    const whole = await run(plan, csv, 1_000_000);
    const chunked = await run(plan, csv, 37);
    expect(chunked).toEqual(whole);
    expect(whole.errors.some(([, reason]) => reason === "duplicate in file")).toBe(true);
    expect(whole.errors.some(([, reason]) => String(reason).startsWith("contact limit reached"))).toBe(plan === "hobby");
    expect(whole.counts.updated).toBeGreaterThan(0);
    expect(whole.memberCount[0]).toBe(whole.memberCount[1]);
  });
});

describe("CSV import: what the progress bar polls", () => {
  it("gives the counts and, while running, the time left at the pace so far; another org gets NOT_FOUND", async () => {
    const { org, actor } = await createOrgWithOwner();
    const imp = await upload(actor, "email\na@x.io\n");
    await db
      .update(imports)
      .set({ status: "running", startedAt: new Date(Date.now() - 10_000), totalRows: 1000, processedRows: 250, createdCount: 250 })
      .where(eq(imports.id, imp.id));
    const running = await getImportProgress(actor, imp.id);
    expect(running).toMatchObject({ status: "running", processedRows: 250, totalRows: 1000, createdCount: 250 });
    expect(running.secondsLeft).toBeGreaterThanOrEqual(29);
    expect(running.secondsLeft).toBeLessThanOrEqual(32);
    await db.update(imports).set({ status: "completed", processedRows: 1000 }).where(eq(imports.id, imp.id));
    expect((await getImportProgress(actor, imp.id)).secondsLeft).toBeNull();
    const other = await createOrgWithOwner();
    await expect(getImportProgress(other.actor, imp.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(org.id).not.toBe(other.org.id);
  });
});
