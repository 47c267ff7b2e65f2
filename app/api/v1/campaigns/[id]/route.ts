// GET /api/v1/campaigns/:id -> one campaign of the key's org with its progress; another org's id is 404.
import { withApi } from "@/lib/api/with-api";
import { getCampaign } from "@/lib/campaigns/get-campaign";

export const dynamic = "force-dynamic";

export const GET = withApi<{ id: string }>("GET /v1/campaigns/:id", ({ actor, params }) => getCampaign(actor, { id: params.id }));
