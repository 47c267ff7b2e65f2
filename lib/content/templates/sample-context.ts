import { and, asc, eq, isNotNull } from "drizzle-orm";
import { db } from "@/db";
import { contacts, orgs } from "@/db/schema";
import { SAMPLE_CONTACT, type MergeContact, type RenderContext } from "@/lib/content/render-context";
import { appUrl } from "@/lib/env";

export type SampleContext = { ctx: RenderContext; sample: { label: string; builtIn: boolean } };

/**
 * What a preview or a test e-mail is rendered with: the org's first contact that has an address
 * on the channel (so attributes look real), or a built-in "Jane Doe". The links are inert on
 * purpose: a test goes to any address, and a real preference link would let its reader change the
 * sample contact's subscriptions.
 */
export async function sampleContext(orgId: string, channel: "email" | "sms"): Promise<SampleContext> {
  const [org] = await db.select({ name: orgs.name, postalAddress: orgs.postalAddress }).from(orgs).where(eq(orgs.id, orgId));
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), isNotNull(channel === "email" ? contacts.email : contacts.phone)))
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(1);
  const contact: MergeContact = row
    ? { email: row.email, phone: row.phone, firstName: row.firstName, lastName: row.lastName, timezone: row.timezone, tags: row.tags, attributes: row.attributes }
    : SAMPLE_CONTACT;
  const label = row ? ([row.firstName, row.lastName].filter(Boolean).join(" ") || (channel === "email" ? row.email : row.phone) || "your first contact") : "Jane Doe (sample)";
  return {
    ctx: {
      contact,
      org: { name: org?.name ?? "", postalAddress: org?.postalAddress ?? null },
      campaign: { name: "Sample campaign" },
      unsubscribeUrl: `${appUrl()}/u/preview`,
      preferencesUrl: `${appUrl()}/p/preview`,
    },
    sample: { label, builtIn: !row },
  };
}
