import type { InngestFunction } from "inngest";
import { dispatchSender } from "./dispatch-sender";
import { importContacts } from "./import-contacts";
import { refillCreditsFn } from "./refill-credits";
import { reportUsageToStripe } from "./report-usage-to-stripe";
import { sendSystemEmail } from "./send-system-email";
import { sweepMessagesFn } from "./sweep-messages";

/**
 * Every Inngest function Herald defines. The same list is served to Inngest (app/api/inngest)
 * and run in-process by the local runner (inngest/runner), so a function missing here never runs.
 */
export const functions: InngestFunction.Any[] = [sendSystemEmail, importContacts, refillCreditsFn, reportUsageToStripe, dispatchSender, sweepMessagesFn];
