/**
 * What a template sees: the contact, the org, the campaign and the two links. Built from rows in
 * camelCase and exposed to Liquid in snake_case, matching MERGE_VARIABLES.
 */

export type MergeContact = {
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  timezone: string | null;
  tags: string[];
  attributes: Record<string, string | number | boolean | null>;
};

export type RenderContext = {
  contact: MergeContact;
  org: { name: string; postalAddress: string | null };
  campaign?: { name: string } | null;
  unsubscribeUrl: string;
  preferencesUrl: string;
};

/** The preview's stand-in when the org has no contact yet. */
export const SAMPLE_CONTACT: MergeContact = {
  email: "jane.doe@example.com",
  phone: "+15555550123",
  firstName: "Jane",
  lastName: "Doe",
  timezone: "America/New_York",
  tags: ["sample"],
  attributes: {},
};

export function toScope(ctx: RenderContext): Record<string, unknown> {
  const c = ctx.contact;
  return {
    contact: {
      email: c.email,
      phone: c.phone,
      first_name: c.firstName,
      last_name: c.lastName,
      timezone: c.timezone,
      tags: c.tags,
      attributes: c.attributes,
    },
    org: { name: ctx.org.name, postal_address: ctx.org.postalAddress },
    campaign: { name: ctx.campaign?.name ?? null },
    unsubscribe_url: ctx.unsubscribeUrl,
    preferences_url: ctx.preferencesUrl,
  };
}
