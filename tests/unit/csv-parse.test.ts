import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsv } from "@/lib/audience/imports/read-csv";
import { sniffCsv } from "@/lib/audience/imports/sniff-csv";

const DELIMS = [",", ";", "\t"] as const;

/** RFC 4180 serialisation: quote a field holding the delimiter, a quote or a line break. */
function serialise(table: string[][], delimiter: string, eol: string, bom: boolean) {
  const cell = (s: string) => (s.includes(delimiter) || /["\r\n]/.test(s) || s === "" ? `"${s.replace(/"/g, '""')}"` : s);
  return (bom ? "\uFEFF" : "") + table.map((r) => r.map(cell).join(delimiter)).join(eol) + eol;
}

async function parseAll(text: string, delimiter: string, chunk = 7) {
  const buf = Buffer.from(text);
  // Small chunks, so records and multi-byte characters straddle chunk boundaries.
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
  const out: { line: number; fields: string[] }[] = [];
  for await (const r of readCsv(Readable.from(parts), delimiter)) out.push(r);
  return out;
}

const cellArb = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.constantFrom("a,b", 'say "hi"', "x;y", "tab\there", "two\nlines", "crlf\r\nin", "Zoë 🙂", "=1+2", "  padded  "),
);

describe("CSV reading (property)", () => {
  it("gives back the same table, with the physical line each record starts on", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((w) => fc.array(fc.array(cellArb, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 12 })),
        fc.constantFrom(...DELIMS),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        async (table, delimiter, eol, bom, chunk) => {
          const text = serialise(table, delimiter, eol, bom);
          const got = await parseAll(text, delimiter, chunk);
          // Line breaks inside quoted cells are kept as written; the record count is exact.
          expect(got.map((r) => r.fields)).toEqual(table);
          let line = 1;
          table.forEach((row, i) => {
            expect(got[i].line).toBe(line);
            line += 1 + row.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0) + (c.match(/\r(?!\n)/g)?.length ?? 0), 0);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("sniffing the shape", () => {
  it.each(DELIMS)("finds the %j delimiter and the header row, with or without a BOM", (d) => {
    const text = `\uFEFFEmail Address${d}First Name${d}Phone\na@x.io${d}"A${d} B"${d}\nb@x.io${d}B${d}+1\n`;
    expect(sniffCsv(Buffer.from(text), true)).toEqual({ delimiter: d, headers: ["Email Address", "First Name", "Phone"] });
  });

  it("accepts a one-column file of addresses", () => {
    expect(sniffCsv(Buffer.from("email\na@x.io\nb@x.io\n"), true)).toEqual({ delimiter: ",", headers: ["email"] });
  });

  it.each([
    ["empty", Buffer.from(""), /empty/],
    ["only a BOM and blank lines", Buffer.from("\uFEFF\n\n  \n"), /empty/],
    ["binary", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe]), /binary/],
    ["invalid UTF-8", Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xc3, 0x28, 0x2c, 0x63]), /binary/],
    ["rows that do not split the same way", Buffer.from("a,b,c\nx\ny;z\n1,2\nq\n"), /does not look like a CSV/],
  ])("refuses a file that is %s", (_name, buf, message) => {
    expect(() => sniffCsv(buf, true)).toThrow(message);
  });
});
