/**
 * The merge variables a template may use, stated once: the checker refuses anything else, the
 * editor's helper lists these, and the render context provides exactly these. Dependency-free, so
 * the client bundle can import it.
 */

export type MergeVariable = { path: string; label: string; example: string };

export const MERGE_VARIABLES: MergeVariable[] = [
  { path: "contact.first_name", label: "First name", example: '{{ contact.first_name | default: "there" }}' },
  { path: "contact.last_name", label: "Last name", example: "{{ contact.last_name }}" },
  { path: "contact.email", label: "E-mail address", example: "{{ contact.email }}" },
  { path: "contact.phone", label: "Phone", example: "{{ contact.phone }}" },
  { path: "contact.timezone", label: "Timezone", example: "{{ contact.timezone }}" },
  { path: "contact.tags", label: "Tags", example: '{{ contact.tags | join: ", " }}' },
  { path: "org.name", label: "Organization name", example: "{{ org.name }}" },
  { path: "org.postal_address", label: "Postal address", example: "{{ org.postal_address }}" },
  { path: "campaign.name", label: "Campaign name", example: "{{ campaign.name }}" },
  { path: "unsubscribe_url", label: "Unsubscribe link", example: "{{ unsubscribe_url }}" },
  { path: "preferences_url", label: "Preferences link", example: "{{ preferences_url }}" },
];

/** The tree of known paths: `true` is a leaf; `"attributes"` is checked against the org's declarations. */
export const VARIABLE_TREE = {
  contact: { email: true, phone: true, first_name: true, last_name: true, timezone: true, tags: true, attributes: "attributes" },
  org: { name: true, postal_address: true },
  campaign: { name: true },
  unsubscribe_url: true,
  preferences_url: true,
} as const;

/** Properties Liquid itself answers on any string or array (`{{ contact.tags.size }}`). */
export const BUILTIN_PROPERTIES = new Set(["size", "first", "last"]);

export const attributeExample = (key: string) => `{{ contact.attributes.${key} }}`;
