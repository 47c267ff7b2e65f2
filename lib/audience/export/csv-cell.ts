/**
 * One CSV cell, safe to open in a spreadsheet: a value starting with `=`, `+`, `-`, `@`, tab or
 * carriage return would run as a formula, so it gets a leading single quote (OWASP's advice);
 * then RFC 4180 quoting when the cell holds a comma, quote or line break.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(",")}\r\n`;
