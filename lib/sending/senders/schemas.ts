import { z } from "zod";

export const SENDER_CHANNELS = ["email", "sms"] as const;
export const SETTABLE_STATUSES = ["active", "paused"] as const;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const noLineBreaks = (v: string) => !/[\r\n]/.test(v);

export const SMS_SENDER_ID = /^(?:[A-Za-z0-9]{3,11}|\+[1-9]\d{6,14})$/;

/** Two decimals at most: the column is numeric(8,2), and a rate like 2.555 would be silently rounded. */
const twoDecimals = (v: number) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6;

/**
 * A sender as the form and the API send it. Numbers may arrive as text (forms); blank optional
 * fields are absent. The channel decides which identity is required: e-mail needs an address
 * (a display name is optional), SMS a sender id (3-11 letters and digits, or an E.164 number).
 */
export const senderInputSchema = z
  .object({
    channel: z.enum(SENDER_CHANNELS, "Choose e-mail or SMS."),
    connectionId: z.preprocess(blank, z.string().trim().max(40).optional()),
    fromName: z.preprocess(
      blank,
      z.string().trim().max(100, "Use at most 100 characters.").refine(noLineBreaks, "Use one line.").optional(),
    ),
    fromEmail: z.preprocess(blank, z.string().trim().toLowerCase().max(254, "That address is too long.").pipe(z.email("Enter a valid e-mail address.")).optional()),
    smsSenderId: z.preprocess(blank, z.string().trim().regex(SMS_SENDER_ID, "Use 3–11 letters and digits, or a number like +14155550100.").optional()),
    ratePerSecond: z.coerce
      .number("Enter a rate.")
      .min(0.1, "The rate is at least 0.1 per second.")
      .max(1000, "The rate is at most 1,000 per second.")
      .refine(twoDecimals, "Use at most two decimals, like 2.5."),
    dailyCap: z.coerce
      .number("Enter a daily cap.")
      .int("Enter a whole number.")
      .min(1, "The daily cap is at least 1.")
      .max(10_000_000, "The daily cap is at most 10,000,000."),
    status: z.preprocess(blank, z.enum(SETTABLE_STATUSES, "Choose active or paused.").default("active")),
  })
  .superRefine((v, ctx) => {
    if (v.channel === "email" && !v.fromEmail) ctx.addIssue({ code: "custom", path: ["fromEmail"], message: "Enter the address mail is sent from." });
    if (v.channel === "sms" && !v.smsSenderId) ctx.addIssue({ code: "custom", path: ["smsSenderId"], message: "Enter the sender id SMS are sent from." });
  })
  .transform((v) => ({
    ...v,
    // The other channel's identity is dropped, so a row never carries both.
    fromName: v.channel === "email" ? (v.fromName ?? null) : null,
    fromEmail: v.channel === "email" ? (v.fromEmail ?? null) : null,
    smsSenderId: v.channel === "sms" ? (v.smsSenderId ?? null) : null,
  }));

export type SenderInput = z.input<typeof senderInputSchema>;
export type SenderData = z.output<typeof senderInputSchema>;

export const senderIdSchema = z.object({ id: z.string().trim().min(1).max(40) });
export const senderStatusSchema = senderIdSchema.extend({ status: z.enum(SETTABLE_STATUSES, "Choose active or paused.") });
