import type { Template } from "@/db/schema";
import type { DraftContent } from "./schemas";

export type EffectiveContent = { subject: string; preheader: string | null; html: string; text: string | null; smsBody: string };

/** The content to render: the editor's unsaved draft where given, else the saved template. */
export function effectiveContent(saved: Pick<Template, "subject" | "preheader" | "html" | "text" | "smsBody"> | null, draft?: DraftContent): EffectiveContent {
  const pick = (k: keyof DraftContent) => (draft && draft[k] !== undefined ? draft[k] : saved?.[k]) ?? null;
  return {
    subject: pick("subject") ?? "",
    preheader: pick("preheader"),
    html: pick("html") ?? "",
    text: pick("text"),
    smsBody: pick("smsBody") ?? "",
  };
}
