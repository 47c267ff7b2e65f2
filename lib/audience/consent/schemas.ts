import { z } from "zod";
import { isValidEmail, normalizeEmail } from "@/lib/audience/normalize";

const optionalName = z
  .string()
  .trim()
  .max(100, "Use at most 100 characters.")
  .nullish()
  .transform((v) => v || null);

/** What the public subscribe form and the subscribe endpoint accept. */
export const subscribeInputSchema = z.object({
  email: z
    .string({ error: "Enter your e-mail address." })
    .max(254, "That e-mail address is too long.")
    .transform((v) => normalizeEmail(v) ?? "")
    .refine((v) => v.length > 0, "Enter your e-mail address.")
    .refine((v) => v.length === 0 || isValidEmail(v), "Enter a valid e-mail address."),
  firstName: optionalName,
  lastName: optionalName,
});

export type SubscribeInput = z.input<typeof subscribeInputSchema>;

/** The hidden field people never see and bots fill in. */
export const HONEYPOT_FIELD = "website";

/** `j•••@example.com`: enough for the person to recognise their address, not enough to harvest it. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}

export const maskPhone = (phone: string | null) => (phone ? `•••${phone.slice(-3)}` : null);
