import { z } from "zod";
import { isValidEmail, isValidTimezone, normalizeEmail, normalizePhone, normalizeTags, normalizeTimeOfDay } from "../normalize";

export const CONTACT_STATUSES = ["subscribed", "pending", "unsubscribed", "bounced", "complained"] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .nullish()
    .transform((v) => v || null);

/** A local time of day ("9", "09:00") as "HH:MM", or null when empty. */
const timeOfDaySchema = (message: string) =>
  z
    .string()
    .nullish()
    .transform((v, ctx) => {
      const t = normalizeTimeOfDay(v);
      if (t === "invalid") {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return t;
    });

/**
 * One contact as a form, the API or an import row gives it. Phone normalisation needs the org's
 * default country, so the schema is built per org.
 */
export function contactInputSchema(defaultCountry?: string | null) {
  return z
    .object({
      email: z
        .string()
        .nullish()
        .transform((v) => normalizeEmail(v))
        .refine((v) => v === null || isValidEmail(v), "Enter a valid e-mail address."),
      phone: z
        .string()
        .nullish()
        .transform((v, ctx) => {
          if (!v?.trim()) return { e164: null as string | null, operatorCode: null as string | null };
          const r = normalizePhone(v, defaultCountry);
          if (!r.ok) {
            ctx.addIssue({ code: "custom", message: "Enter a valid phone number, with its country code if it is not local." });
            return z.NEVER;
          }
          return { e164: r.e164 as string | null, operatorCode: r.operatorCode };
        }),
      firstName: optionalText(100),
      lastName: optionalText(100),
      timezone: z
        .string()
        .nullish()
        .transform((v) => v?.trim() || null)
        .refine((v) => v === null || isValidTimezone(v), "Choose a valid IANA timezone, such as Europe/Berlin."),
      tags: z
        .union([z.string(), z.array(z.string())])
        .nullish()
        .transform((v) => normalizeTags(Array.isArray(v) ? v : [v ?? ""])),
      attributes: z.record(z.string(), z.unknown()).default({}),
      operatorCode: optionalText(16),
      notifyFrom: timeOfDaySchema("Use a time like 09:00."),
      notifyTo: timeOfDaySchema("Use a time like 18:00."),
      status: z.enum(CONTACT_STATUSES).default("subscribed"),
      consentSource: optionalText(200),
    })
    .superRefine((v, ctx) => {
      if (!v.email && !v.phone.e164) ctx.addIssue({ code: "custom", path: ["email"], message: "A contact needs an e-mail address or a phone number." });
      if (v.notifyFrom && v.notifyTo && v.notifyFrom >= v.notifyTo) {
        ctx.addIssue({ code: "custom", path: ["notifyTo"], message: "\"Notify to\" must be after \"notify from\"." });
      }
    })
    .transform((v) => ({
      email: v.email,
      phone: v.phone.e164,
      operatorCode: v.operatorCode ?? v.phone.operatorCode,
      firstName: v.firstName,
      lastName: v.lastName,
      timezone: v.timezone,
      tags: v.tags,
      attributes: v.attributes,
      notifyFrom: v.notifyFrom,
      notifyTo: v.notifyTo,
      status: v.status,
      consentSource: v.consentSource,
    }));
}

export type ContactInput = z.output<ReturnType<typeof contactInputSchema>>;
