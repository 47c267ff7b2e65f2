import { z } from "zod";
import { isValidEmail, normalizeEmail, normalizePhone } from "@/lib/audience/normalize";
import { MANUAL_REASONS, SUPPRESSION_CHANNELS, SUPPRESSION_REASONS, type SuppressionChannel } from "./reasons";

export * from "./reasons";

const channelSchema = z.enum(SUPPRESSION_CHANNELS, { error: "Choose e-mail or SMS." });
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const suppressionFilterSchema = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(254).optional()),
  channel: z.preprocess(emptyToUndefined, channelSchema.optional()),
  reason: z.preprocess(emptyToUndefined, z.enum(SUPPRESSION_REASONS).optional()),
  cursor: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const addSuppressionSchema = z.object({
  channel: channelSchema,
  address: z.string({ error: "Enter an address." }).trim().min(1, "Enter an e-mail address or phone number.").max(254, "That address is too long."),
  reason: z.preprocess(emptyToUndefined, z.enum(MANUAL_REASONS, { error: "Choose a reason." }).default("manual")),
  source: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
});

export const removeSuppressionSchema = z.object({ id: z.string().regex(/^sup_[0-9a-z]{1,12}$/, "Unknown suppression.") });

/** A pasted list or a small file: one address per line. */
export const MAX_IMPORT_LINES = 10_000;
export const importSuppressionsSchema = z.object({
  channel: channelSchema,
  text: z.string().max(2_000_000, "That list is too large: import at most 10,000 addresses at a time."),
  reason: z.preprocess(emptyToUndefined, z.enum(MANUAL_REASONS, { error: "Choose a reason." }).default("manual")),
});

export type NormalizedAddress = { ok: true; address: string } | { ok: false; reason: string };

/** The address as contacts store it: lowercased e-mail, or E.164 with the org's default country. */
export function normalizeAddress(channel: SuppressionChannel, raw: string, defaultCountry?: string | null): NormalizedAddress {
  if (channel === "email") {
    const email = normalizeEmail(raw);
    if (!email || !isValidEmail(email)) return { ok: false, reason: "not a valid e-mail address" };
    return { ok: true, address: email };
  }
  const phone = normalizePhone(raw, defaultCountry);
  return phone.ok ? { ok: true, address: phone.e164 } : { ok: false, reason: "not a valid phone number" };
}
