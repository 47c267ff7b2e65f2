import { z } from "zod";

/** Event names and their payloads. Every payload that concerns a tenant carries `orgId`. */
export const EVENTS = {
  systemEmailQueued: "system-email/queued",
  importQueued: "audience/import.queued",
  senderDispatch: "sending/sender.dispatch",
} as const;

export const systemEmailQueuedSchema = z.object({
  emailId: z.string().startsWith("eml_"),
  orgId: z.string().startsWith("org_").nullable(),
});

export type SystemEmailQueued = z.infer<typeof systemEmailQueuedSchema>;

export const importQueuedSchema = z.object({
  orgId: z.string().startsWith("org_"),
  importId: z.string().startsWith("imp_"),
});

export type ImportQueued = z.infer<typeof importQueuedSchema>;

/** Start (or continue) dispatching one sender's due messages; see inngest/functions/dispatch-sender.ts. */
export const senderDispatchSchema = z.object({
  orgId: z.string().startsWith("org_"),
  senderId: z.string().startsWith("snd_"),
});

export type SenderDispatch = z.infer<typeof senderDispatchSchema>;

export type HeraldEvent =
  | { name: typeof EVENTS.systemEmailQueued; data: SystemEmailQueued; id?: string }
  | { name: typeof EVENTS.importQueued; data: ImportQueued; id?: string }
  | { name: typeof EVENTS.senderDispatch; data: SenderDispatch; id?: string; ts?: number };
