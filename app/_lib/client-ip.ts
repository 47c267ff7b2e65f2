import { headers } from "next/headers";
import { requestIp } from "@/lib/request-ip";

/** The caller's address for rate limits and consent records (see lib/request-ip.ts for which hop). */
export async function clientIp(): Promise<string> {
  const h = await headers();
  return requestIp(h.get("x-forwarded-for"), h.get("x-real-ip"));
}
