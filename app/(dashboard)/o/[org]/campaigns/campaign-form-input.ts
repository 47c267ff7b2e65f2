import { ZodError, z } from "zod";
import { parseLocalISO, wallClockToInstant } from "@/lib/campaigns/schedule/zoned-time";
import { campaignInputSchema, type CampaignInput } from "@/lib/campaigns/schemas";
import { AppError, fieldErrors, isAppError } from "@/lib/errors";

const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * The campaign form's fields as posted: text fields by name, ticked checkboxes as
 * `list_<id>`, `segment_<id>`, `xlist_<id>`, `xsegment_<id>`, `sender_<id>` ("on").
 */
export const campaignFormSchema = z.record(z.string(), z.unknown());

type Form = z.infer<typeof campaignFormSchema>;

const idsWith = (form: Form, prefix: string) =>
  Object.keys(form)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));

/**
 * The form -> the lib's CampaignInput. A `datetime-local` value has no zone: with "deliver at the
 * recipient's local time" it stays a wall-clock time (read per contact at launch); otherwise it
 * is read in the org's zone here, so the lib stores an instant.
 */
export function toCampaignInput(form: Form, orgTimezone: string): { id?: string; input: CampaignInput } {
  const text = (k: string) => (typeof form[k] === "string" ? (form[k] as string).trim() : "");
  const local = Boolean(form.recipientLocalTime);
  const later = text("sendMode") === "later";
  const start = later ? text("startAt") : "";
  const finish = text("finishAt");
  const errors: Record<string, string> = {};
  if (later && !start) errors.startAt = "Pick a start time, or choose to send as soon as it launches.";
  for (const [k, v] of [["startAt", start], ["finishAt", finish]] as const) {
    if (!v) continue;
    if (!LOCAL_DATETIME.test(v)) errors[k] = "Enter a date and time.";
    else if (!validLocal(v)) errors[k] = "That date does not exist.";
  }
  const instant = (v: string) => (v && !errors.startAt && !errors.finishAt ? wallClockToInstant(v, orgTimezone).toISOString() : null);
  const input = {
    name: text("name"),
    channel: text("channel") === "sms" ? "sms" : "email",
    templateId: text("templateId") || null,
    audience: {
      listIds: idsWith(form, "list_"),
      segmentIds: idsWith(form, "segment_"),
      excludeListIds: idsWith(form, "xlist_"),
      excludeSegmentIds: idsWith(form, "xsegment_"),
    },
    senderIds: idsWith(form, "sender_"),
    schedule: {
      startAt: local ? null : instant(start),
      finishAt: local ? null : instant(finish),
      startLocal: local && start ? start : null,
      finishLocal: local && finish ? finish : null,
      recipientLocalTime: local,
      respectBusinessHours: Boolean(form.respectBusinessHours),
    },
  } satisfies CampaignInput;
  if (Object.keys(errors).length) {
    // Refuse with every field's message at once: the schedule's from here, the rest from the lib's schema.
    const rest = campaignInputSchema.safeParse(input);
    if (!rest.success) for (const [k, v] of Object.entries(fieldErrors(rest.error))) errors[formField(k)] ??= v;
    throw new AppError("VALIDATION", "Some fields need attention.", errors);
  }
  return { id: text("id") || undefined, input };
}

function validLocal(v: string): boolean {
  try {
    parseLocalISO(v);
    return true;
  } catch {
    return false;
  }
}

/** A lib error key (`audience.listIds`, `schedule.startLocal`, `senderIds.0`) -> the form field it belongs beside. */
function formField(key: string): string {
  const [head, sub] = key.split(".");
  if (head === "schedule") {
    if (sub === "startAt" || sub === "startLocal") return "startAt";
    if (sub === "finishAt" || sub === "finishLocal") return "finishAt";
    return "schedule";
  }
  if (head === "startLocal") return "startAt";
  if (head === "finishLocal") return "finishAt";
  if (head.startsWith("exclude") || head === "listIds" || head === "segmentIds") return "audience";
  return head;
}

/** Runs a lib call and renames the fields of a refusal to the form's, so each message sits beside its input. */
export async function withFormFields<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const fields = e instanceof ZodError ? fieldErrors(e) : isAppError(e) ? e.fields : undefined;
    if (!fields) throw e;
    const mapped: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields)) mapped[formField(k)] ??= v;
    throw new AppError(isAppError(e) ? e.code : "VALIDATION", isAppError(e) ? e.message : "Some fields need attention.", mapped);
  }
}
