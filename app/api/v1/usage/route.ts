// GET /api/v1/usage -> this month's usage and cost so far for the key's org (the "current month cost").
import { withApi } from "@/lib/api/with-api";
import { currentMonthCost } from "@/lib/billing/current-month-cost";

export const dynamic = "force-dynamic";

export const GET = withApi("GET /v1/usage", ({ orgId }) => currentMonthCost(orgId));
