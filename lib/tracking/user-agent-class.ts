/**
 * What kind of software made a tracking hit, as one coarse word; this is all Herald keeps about
 * the opener. The IP address and the full User-Agent string are never stored: they are
 * personal data (an IP locates a person; a full UA string helps fingerprint one), and a class is
 * enough for what the numbers are used for, namely telling real opens from machine fetches.
 *
 * - `proxy`: a mailbox provider fetching images on the reader's behalf (Gmail, Yahoo, Outlook,
 *   Apple Mail Privacy Protection). The open is real-ish: the message was opened, or prefetched.
 * - `bot`: a scanner, crawler or HTTP library (link checkers, security gateways, curl).
 * - `mobile`, `desktop`: a mail client or browser on that kind of device.
 * - `unknown`: no User-Agent, or nothing recognisable.
 */
export type AgentClass = "proxy" | "bot" | "mobile" | "desktop" | "unknown";

const PROXY = /GoogleImageProxy|YahooMailProxy|ggpht\.com|Outlook-iOS-Android|OutlookImageProxy|Microsoft Office Outlook.*ImageProxy/i;
const BOT = /bot\b|crawler|spider|scanner|preview|curl\/|wget\/|python-|go-http-client|java\/|okhttp|axios\/|node-fetch|undici|headless|barracuda|proofpoint|mimecast/i;
const MOBILE = /iPhone|iPad|iPod|Android|Mobile/i;

export function userAgentClass(ua: string | null | undefined): AgentClass {
  if (!ua) return "unknown";
  const s = ua.slice(0, 512);
  if (PROXY.test(s)) return "proxy";
  if (BOT.test(s)) return "bot";
  if (MOBILE.test(s)) return "mobile";
  // Apple's Mail Privacy Protection fetches with a bare "Mozilla/5.0" and nothing after it.
  if (/^Mozilla\/5\.0$/.test(s.trim())) return "proxy";
  if (/Mozilla\/|Thunderbird|Outlook|Microsoft Office/i.test(s)) return "desktop";
  return "unknown";
}
