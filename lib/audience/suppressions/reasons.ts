// Constants only (no imports), so client components can use them without pulling in validation code.

export const SUPPRESSION_CHANNELS = ["email", "sms"] as const;
export const SUPPRESSION_REASONS = ["unsubscribed", "hard_bounce", "complaint", "manual", "erased"] as const;
/** `erased` is written only by erasure (GDPR), never chosen by hand. */
export const MANUAL_REASONS = ["manual", "unsubscribed", "hard_bounce", "complaint"] as const;

export type SuppressionChannel = (typeof SUPPRESSION_CHANNELS)[number];
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export const REASON_LABELS: Record<SuppressionReason, string> = {
  unsubscribed: "Unsubscribed",
  hard_bounce: "Hard bounce",
  complaint: "Complaint",
  manual: "Manual",
  erased: "Erased (GDPR)",
};
