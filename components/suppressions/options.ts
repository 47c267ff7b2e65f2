import { MANUAL_REASONS, REASON_LABELS, SUPPRESSION_REASONS } from "@/lib/audience/suppressions/reasons";

export const CHANNEL_OPTIONS = [
  { value: "email", label: "E-mail" },
  { value: "sms", label: "SMS" },
];

/** The reasons a person may pick by hand (erasure writes its own). */
export const REASON_OPTIONS = MANUAL_REASONS.map((r) => ({ value: r, label: REASON_LABELS[r] }));

export const ALL_REASON_OPTIONS = SUPPRESSION_REASONS.map((r) => ({ value: r, label: REASON_LABELS[r] }));
