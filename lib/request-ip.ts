/**
 * The caller's address from `X-Forwarded-For`, counting only hops Herald trusts. Each proxy in
 * front appends the address it saw, so the client's is `TRUSTED_PROXY_HOPS` entries from the
 * right; anything further left was written by the client and can be forged. With no proxy
 * (`TRUSTED_PROXY_HOPS=0`) the header is ignored, and every caller shares the "unknown" budget:
 * stricter, never looser.
 */
export function requestIp(forwardedFor: string | null, realIp: string | null = null): string {
  const hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 1);
  if (!Number.isInteger(hops) || hops <= 0) return "unknown";
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = entries.length >= hops ? entries[entries.length - hops] : realIp;
  return ip && /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : "unknown";
}
