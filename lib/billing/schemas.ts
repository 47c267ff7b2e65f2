import { z } from "zod";
import { PLAN_ORDER, type PlanId } from "./plans";

/** A plan chosen in the dashboard: only an id from the plan table; prices never come from the client. */
export const planChoiceSchema = z.object({
  plan: z.enum(PLAN_ORDER as [PlanId, ...PlanId[]], { error: "Choose one of the plans shown." }),
});
