import fs from "node:fs";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";

/** One CSV record and the physical line it starts on (1-based; the header is line 1). */
export type CsvRecord = { line: number; fields: string[] };

function countBreaks(field: string, lone: "\n" | "\r"): number {
  let n = 0;
  for (let i = field.indexOf(lone); i !== -1; i = field.indexOf(lone, i + 1)) n++;
  return n;
}

/**
 * Streams the records of a CSV (header included) with the line each one starts on. csv-parse's
 * own `info.lines` is the line a record ends on, and counts CRLF twice, so the start line is
 * tracked here: the next record starts after this one's embedded line breaks and its terminator.
 * Blank lines come through as `[""]` (skipping them in the parser would lose the count); callers
 * ignore all-blank records.
 */
export async function* readCsv(input: Readable, delimiter: string): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
  });
  input.on("error", (e) => parser.destroy(e));
  input.pipe(parser);
  let nextLine = 1;
  let breakChar: "\n" | "\r" | null = null;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = nextLine;
      let inner = 0;
      for (const f of record) {
        if (f.length > 0 && (f.includes("\n") || f.includes("\r"))) {
          // Old Mac files break lines with a lone CR; everything else ends lines with LF.
          breakChar ??= f.includes("\n") ? "\n" : "\r";
          inner += countBreaks(f, breakChar);
        }
      }
      nextLine = line + inner + 1;
      yield { line, fields: record };
    }
  } finally {
    input.destroy();
  }
}

export const readCsvFile = (filePath: string, delimiter: string) =>
  readCsv(fs.createReadStream(filePath, { highWaterMark: 1 << 20 }), delimiter);

/** The header and the first `n` data rows, for the mapping step. */
export async function readCsvHead(filePath: string, delimiter: string, n: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const rec of readCsvFile(filePath, delimiter)) {
    if (rec.fields.every((f) => f.trim() === "")) continue;
    out.push(rec);
    if (out.length > n) break;
  }
  return out;
}

/**
 * A cheap upper bound on the number of data rows: line breaks in the file, minus the header.
 * Embedded newlines overcount; the import sets the exact total when it finishes.
 */
export async function estimateRows(filePath: string): Promise<number> {
  let breaks = 0;
  let last = 0x0a;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) breaks++;
    if (chunk.length) last = chunk[chunk.length - 1];
  }
  const lines = breaks + (last === 0x0a ? 0 : 1);
  return Math.max(0, lines - 1);
}
