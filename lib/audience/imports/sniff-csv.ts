import { parse } from "csv-parse/sync";
import { AppError } from "@/lib/errors";

export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export type CsvShape = { delimiter: Delimiter; headers: string[] };

/** How many bytes of the file's head are enough to judge its shape. */
export const SNIFF_BYTES = 64 * 1024;

const notCsv = (message: string) => new AppError("VALIDATION", message);

/** The head decoded as UTF-8, or null when it is not text (NUL bytes, invalid UTF-8). */
function decodeHead(head: Buffer, complete: boolean): string | null {
  if (head.includes(0)) return null;
  let bytes = head;
  if (!complete) {
    // The sample may end inside a multi-byte character: cut back to a character boundary.
    let end = bytes.length;
    for (let i = 1; i <= 3 && end - i >= 0; i++) {
      const b = bytes[end - i];
      if ((b & 0xc0) === 0xc0) {
        end -= i;
        break;
      }
      if ((b & 0x80) === 0) break;
    }
    bytes = bytes.subarray(0, end);
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // Control characters other than tab/CR/LF mean a binary file that happens to decode.
    const controls = text.match(/[\u0001-\u0008\u000b\u000c\u000e-\u001f]/g)?.length ?? 0;
    return controls > Math.max(2, text.length / 1000) ? null : text;
  } catch {
    return null;
  }
}

function tryDelimiter(text: string, delimiter: Delimiter) {
  try {
    const rows = parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
    if (rows.length === 0) return null;
    const width = rows[0].length;
    const consistent = rows.filter((r) => r.length === width).length / rows.length;
    return { rows, width, consistent };
  } catch {
    return null;
  }
}

/**
 * The delimiter and header row, judged from the file's first bytes. Refuses, before anything is
 * stored, a file that is empty, binary, or whose rows do not split consistently on any delimiter.
 */
export function sniffCsv(head: Buffer, complete: boolean): CsvShape {
  const text = decodeHead(head, complete);
  if (text === null) throw notCsv("This file is not a CSV file: it contains binary data. Export your contacts as CSV (UTF-8) and try again.");
  let body = text.replace(/^\uFEFF/, "");
  if (!complete) {
    // Drop the last, probably cut, line.
    const cut = Math.max(body.lastIndexOf("\n"), body.lastIndexOf("\r"));
    if (cut > 0) body = body.slice(0, cut);
  }
  if (!body.trim()) throw notCsv("The file is empty.");

  let best: { delimiter: Delimiter; rows: string[][]; width: number; consistent: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const r = tryDelimiter(body, delimiter);
    if (!r || r.width < 2 || r.consistent < 0.8) continue;
    if (!best || r.consistent > best.consistent || (r.consistent === best.consistent && r.width > best.width)) best = { delimiter, ...r };
  }
  if (!best) {
    // A single-column file (one address per line) is still a CSV.
    const single = tryDelimiter(body, ",");
    if (!single || single.width !== 1 || single.consistent < 0.8) {
      throw notCsv("This file does not look like a CSV: its rows do not split into the same columns on commas, semicolons or tabs.");
    }
    best = { delimiter: ",", ...single };
  }
  const headers = best.rows[0].map((h, i) => h.trim() || `Column ${i + 1}`);
  return { delimiter: best.delimiter, headers };
}
