import { inngest } from "@/inngest/client";
import { EVENTS, systemEmailQueuedSchema } from "@/inngest/events";
import { deliverSystemEmail, markSystemEmailFailed } from "@/lib/mail/deliver-system-email";

/** Delivers one queued system e-mail (sign-in codes, invitations). */
export const sendSystemEmail = inngest.createFunction(
  { id: "send-system-email", retries: 3, triggers: [{ event: EVENTS.systemEmailQueued }] },
  async ({ event, step }) => {
    const { emailId } = systemEmailQueuedSchema.parse(event.data);
    try {
      return await step.run("deliver", () => deliverSystemEmail(emailId));
    } catch (e) {
      await step.run("mark-failed", () => markSystemEmailFailed(emailId, (e as Error).message));
      throw e;
    }
  },
);
