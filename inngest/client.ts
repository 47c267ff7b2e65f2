import { Inngest } from "inngest";

/**
 * The Inngest client. With `INNGEST_EVENT_KEY` or `INNGEST_DEV` set, events go to Inngest
 * (cloud or self-hosted); otherwise `inngest/send.ts` routes them to the in-process runner.
 */
export const inngest = new Inngest({ id: "herald" });
