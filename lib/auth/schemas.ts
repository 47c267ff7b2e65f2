import { z } from "zod";

export const emailSchema = z
  .string({ error: "Enter your e-mail address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your e-mail address.")
  .max(254, "That e-mail address is too long.")
  .pipe(z.email({ error: "Enter a valid e-mail address." }));

export const requestCodeSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(100, "Use at most 100 characters.").optional(),
});

export const verifyCodeSchema = z.object({
  email: emailSchema,
  code: z
    .string({ error: "Enter the 6-digit code." })
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code from the e-mail."),
});

export const linkTokenSchema = z.object({ token: z.string().min(20).max(200) });

export const passwordSignInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password."),
});
