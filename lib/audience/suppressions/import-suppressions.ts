import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/db";
import { orgs } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/orgs/actor";
import { requireSuppressionManager } from "./permissions";
import { importSuppressionsSchema, MAX_IMPORT_LINES, normalizeAddress, type SuppressionChannel } from "./schemas";
import { suppressAddresses } from "./suppress-addresses";

export type ImportSuppressionsResult = {
  added: number;
  alreadySuppressed: number;
  invalid: { line: number; value: string; reason: string }[];
};

const HEADER_RE = /^(e-?mail|email address|phone|phone number|mobile|address|number)$/i;

/** The address on a line: the first cell of a CSV/TSV row, unquoted. */
function firstCell(line: string): string {
  const cell = line.split(/[,;\t]/)[0] ?? "";
  return cell.trim().replace(/^"(.*)"$/, "$1").trim();
}

/** Normalises every line; valid addresses deduped (a repeat counts as already there). */
export function parseAddressLines(text: string, channel: SuppressionChannel, defaultCountry?: string | null) {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const valid = new Map<string, number>();
  const invalid: ImportSuppressionsResult["invalid"] = [];
  let duplicates = 0;
  lines.forEach((line, i) => {
    const value = firstCell(line);
    if (!value) return;
    // An exported file's header row is not an address, and not a mistake either.
    if (i === 0 && HEADER_RE.test(value)) return;
    const n = normalizeAddress(channel, value, defaultCountry);
    if (!n.ok) invalid.push({ line: i + 1, value: value.slice(0, 100), reason: n.reason });
    else if (valid.has(n.address)) duplicates++;
    else valid.set(n.address, i + 1);
  });
  return { addresses: [...valid.keys()], invalid, duplicates, lineCount: lines.length };
}

/**
 * Suppresses a pasted list or a small uploaded file, one address per line, in one statement.
 * Bad lines are reported with their line numbers and never stop the good ones.
 */
export async function importSuppressions(actor: Actor, input: z.input<typeof importSuppressionsSchema>): Promise<ImportSuppressionsResult> {
  requireSuppressionManager(actor, "import suppressions");
  const { channel, text, reason } = importSuppressionsSchema.parse(input);
  const [org] = await db.select({ defaultCountry: orgs.defaultCountry }).from(orgs).where(eq(orgs.id, actor.orgId));
  const parsed = parseAddressLines(text, channel, org?.defaultCountry);
  if (parsed.lineCount > MAX_IMPORT_LINES) {
    throw new AppError("VALIDATION", `Import at most ${MAX_IMPORT_LINES.toLocaleString("en-US")} lines at a time.`, { text: "Too many lines." });
  }
  if (parsed.addresses.length === 0 && parsed.invalid.length === 0) {
    throw new AppError("VALIDATION", "There are no addresses to import.", { text: "Paste one address per line, or choose a file." });
  }
  return db.transaction(async (tx) => {
    const rows = parsed.addresses.map((address) => ({ channel, address }));
    const inserted = await suppressAddresses(tx, actor.orgId, rows, reason, "import");
    const result = { added: inserted.length, alreadySuppressed: rows.length - inserted.length + parsed.duplicates, invalid: parsed.invalid };
    if (inserted.length > 0) {
      await recordAudit(tx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: "suppression.imported",
        targetType: "suppression",
        data: { channel, reason, added: result.added, alreadySuppressed: result.alreadySuppressed, invalid: result.invalid.length },
      });
    }
    return result;
  });
}
