import type { SharedContent } from "./types";

/**
 * SendGrid's documented limit for the substitutions of one personalization, all keys and values
 * together. A message whose values are bigger is sent with its own rendered body instead.
 */
export const SUBSTITUTIONS_MAX_BYTES = 10_000;

/** The shared body with one recipient's values put in: what that recipient receives. */
export function applySubstitutions(template: string, values: Record<string, string>): string {
  let out = template;
  for (const [key, value] of Object.entries(values)) out = out.split(key).join(value);
  return out;
}

export function substitutionBytes(values: Record<string, string>): number {
  let n = 0;
  for (const [k, v] of Object.entries(values)) n += Buffer.byteLength(k) + Buffer.byteLength(v);
  return n;
}

/** Builds a message's rendered fields from a shared body, so the two can never disagree. */
export function renderShared(shared: SharedContent) {
  return {
    subject: applySubstitutions(shared.subject, shared.values),
    html: applySubstitutions(shared.html, shared.values),
    text: applySubstitutions(shared.text, shared.values),
  };
}
