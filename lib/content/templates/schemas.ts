import { z } from "zod";

/** Form fields arrive as strings; an empty optional field means "none". */
const optionalText = (max: number, what: string) =>
  z
    .string()
    .max(max, `Use at most ${max.toLocaleString("en-US")} characters${what}.`)
    .nullish()
    .transform((v) => (v?.trim() ? v : null));

export const templateNameSchema = z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters.");

export const emailContentSchema = z.object({
  subject: z.string().trim().min(1, "Enter a subject.").max(500, "Use at most 500 characters."),
  preheader: optionalText(300, ""),
  html: z.string().trim().min(1, "Enter the HTML of the e-mail.").max(500_000, "Use at most 500,000 characters."),
  text: optionalText(200_000, ", or leave it empty to generate it from the HTML"),
});

export const smsContentSchema = z.object({
  smsBody: z.string().trim().min(1, "Enter the message.").max(1_600, "Use at most 1,600 characters (about 10 segments)."),
});

export const createTemplateSchema = z.discriminatedUnion("channel", [
  emailContentSchema.extend({ channel: z.literal("email"), name: templateNameSchema }),
  smsContentSchema.extend({ channel: z.literal("sms"), name: templateNameSchema }),
]);
export type CreateTemplateInput = z.input<typeof createTemplateSchema>;

export const templateIdSchema = z.object({ id: z.string().trim().min(1).max(40) });

/** An update replaces the name and the content of the template's own channel. */
export const updateTemplateSchema = templateIdSchema.extend({
  name: templateNameSchema,
  subject: z.string().nullish(),
  preheader: z.string().nullish(),
  html: z.string().nullish(),
  text: z.string().nullish(),
  smsBody: z.string().nullish(),
});
export type UpdateTemplateInput = z.input<typeof updateTemplateSchema>;

/** Content shown in the preview or sent as a test: what is in the editor, saved or not. */
export const draftContentSchema = z.object({
  subject: z.string().max(500_000).nullish(),
  preheader: z.string().max(500_000).nullish(),
  html: z.string().max(500_000).nullish(),
  text: z.string().max(500_000).nullish(),
  smsBody: z.string().max(500_000).nullish(),
});
export type DraftContent = z.input<typeof draftContentSchema>;

export const sendTestEmailSchema = z.object({
  id: z.string().trim().min(1).max(40),
  to: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address.")),
  content: draftContentSchema.optional(),
});
export type SendTestEmailInput = z.input<typeof sendTestEmailSchema>;

export const TEMPLATE_NOT_FOUND = "That template does not exist in this organization.";
export const DUPLICATE_NAME = "A template with this name already exists.";
