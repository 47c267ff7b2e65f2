import { headers } from "next/headers";

/** The caller's address as the proxy in front of Herald reports it (first hop of X-Forwarded-For). */
export async function clientIp(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
}
