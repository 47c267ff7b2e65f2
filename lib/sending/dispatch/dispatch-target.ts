import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { orgs, providerConnections, senders, type ProviderConnection, type Sender } from "@/db/schema";
import { PLANS } from "@/lib/billing/plans";

export type DispatchTarget = {
  sender: Sender;
  connection: ProviderConnection;
  org: { id: string; name: string; postalAddress: string | null; paysWithCredits: boolean };
};

/** A sender with its connection and org, as one dispatch batch needs them; null when it is gone. */
export async function loadDispatchTarget(senderId: string): Promise<DispatchTarget | null> {
  const [row] = await db
    .select({ sender: senders, connection: providerConnections, org: { id: orgs.id, name: orgs.name, postalAddress: orgs.postalAddress, plan: orgs.plan } })
    .from(senders)
    .innerJoin(providerConnections, and(eq(providerConnections.id, senders.connectionId), eq(providerConnections.orgId, senders.orgId)))
    .innerJoin(orgs, eq(orgs.id, senders.orgId))
    .where(eq(senders.id, senderId));
  if (!row) return null;
  const { plan, ...org } = row.org;
  // Credit plans (Hobby) paid for each message at intake; what never reaches a provider is refunded.
  return { sender: row.sender, connection: row.connection, org: { ...org, paysWithCredits: PLANS[plan].monthlyCredits !== null } };
}
