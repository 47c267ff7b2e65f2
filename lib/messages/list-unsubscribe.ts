import { appUrl } from "@/lib/env";
import { unsubscribeToken } from "@/lib/tracking/tracking-token";

export type ListUnsubscribeHeaders = { "List-Unsubscribe": string; "List-Unsubscribe-Post": string };

/**
 * RFC 2369 `List-Unsubscribe` with both an HTTPS target and a mailto, and RFC 8058
 * `List-Unsubscribe-Post`, which tells mail clients the HTTPS target takes a one-click POST
 * without cookies (`/u/<token>`). The mailto carries the same signed token in its subject, so an
 * unsubscribe by e-mail names its message exactly as the link does.
 */
export function listUnsubscribeHeaders(messageId: number): ListUnsubscribeHeaders {
  return listUnsubscribeHeadersFor(appUrl(), unsubscribeToken(messageId));
}

/** The same headers from a token already signed (dispatch signs it once for footer and headers). */
export function listUnsubscribeHeadersFor(baseUrl: string, token: string): ListUnsubscribeHeaders {
  const base = baseUrl.replace(/\/+$/, "");
  const host = hostOf(base);
  return {
    "List-Unsubscribe": `<${base}/u/${token}>, <mailto:unsubscribe@${host}?subject=unsubscribe-${token}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

// Parsed once per base, not once per message.
let lastHost: { base: string; host: string } | undefined;
function hostOf(base: string): string {
  if (lastHost?.base !== base) lastHost = { base, host: new URL(base).hostname };
  return lastHost.host;
}
