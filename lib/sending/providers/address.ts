import type { EmailAddress } from "./types";

/** `Name <a@b.c>`, `"Name" <a@b.c>` or `a@b.c` split into its parts. */
export function splitAddress(address: EmailAddress): { email: string; name?: string } {
  if (typeof address !== "string") return address.name ? { email: address.email, name: address.name } : { email: address.email };
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(address);
  if (!m) return { email: address.trim() };
  return m[1] ? { email: m[2].trim(), name: m[1].trim() } : { email: m[2].trim() };
}

/** The address as a header value; the name is quoted when it holds characters RFC 5322 reserves. */
export function formatAddress(address: EmailAddress): string {
  const { email, name } = splitAddress(address);
  if (!name) return email;
  return /[()<>[\]:;@\\,."]/.test(name) ? `"${name.replace(/(["\\])/g, "\\$1")}" <${email}>` : `${name} <${email}>`;
}

/** The domain of the Message-ID: Herald's ids are unique on their own, the domain only names the sender. */
export const messageIdHeader = (messageId: string, domain = "herald") => `<${messageId}@${domain}>`;
